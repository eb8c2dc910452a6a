import type { FoundFile } from '../discovery/types';
import type { SourceRow } from '../memory/sources';
import { GroupRolledBack, type MemoryStore } from '../memory/store';
import type { FileResult } from './file-result';
import { importExportFile } from './import-export';
import { importTranscriptFile, planTranscript } from './import-transcript';
import type { ParseEvent, ParseJob } from './parse-job';
import { inlineParser, type SourceParser } from './source-parser';

/** One discovered file: either settled already (nothing to read), or a parse job to run. */
export type ImportPlan =
  { file: FoundFile; settled: FileResult } | { file: FoundFile; job: ParseJob; row?: SourceRow };

/** Decided before any file of the run is imported: no file's plan depends on another's import. */
export function planImport(store: MemoryStore, file: FoundFile): ImportPlan {
  if (file.kind === 'export') return { file, job: { kind: 'export', path: file.path } };
  const t = planTranscript(store, file);
  return t.status === 'unchanged' ? { file, settled: t.result } : { file, job: t.job, row: t.row };
}

/**
 * Import a planned file from its parse events. A failure of the file is a `failed` result; only
 * a store failure that undid the commit group (GroupRolledBack) is thrown.
 */
export async function importPlanned(
  store: MemoryStore,
  plan: Extract<ImportPlan, { job: ParseJob }>,
  events: AsyncIterable<ParseEvent>,
): Promise<FileResult> {
  const { file } = plan;
  try {
    return file.kind === 'export'
      ? await importExportFile(store, file, events)
      : await importTranscriptFile(store, file, plan.row, events);
  } catch (err) {
    if (err instanceof GroupRolledBack) throw err;
    return { status: 'failed', path: file.path, kind: file.kind, reason: (err as Error).message };
  }
}

/** Plan and import one file on its own (tests, tools): what the pipeline does for each file. */
export async function importFile(
  store: MemoryStore,
  file: FoundFile,
  parser: SourceParser = inlineParser,
): Promise<FileResult> {
  const plan = planImport(store, file);
  return 'settled' in plan ? plan.settled : importPlanned(store, plan, parser.events(plan.job));
}
