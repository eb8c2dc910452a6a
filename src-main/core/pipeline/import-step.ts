import type { FoundFile } from '../discovery/types';
import type { Logger } from '../log/logger';
import { deferIndexesForImport } from '../memory/bulk-indexes';
import { GroupRolledBack, type MemoryStore } from '../memory/store';
import { RawTranscriptArchiver } from '../checkpoint/raw-transcripts';
import { addCounts, dedupRate, ZERO_COUNTS, type DedupCounts } from '../model';
import { memoryLayout } from '../workspace/memory-layout';
import type { EventSink } from './events';
import type { FileResult } from './file-result';
import { importPlanned, planImport, type ImportPlan } from './import-file';
import { ParseAhead } from './parse-ahead';
import type { SourceParser } from './source-parser';

/** What the import step adds up, kept in the run's state as it goes (a failed step keeps its part). */
export interface ImportTally {
  files: FileResult[];
  totals: DedupCounts;
  /** Copies transcripts into the raw archive, started during the import (see raw-transcripts). */
  rawArchiver: RawTranscriptArchiver | null;
}

interface ImportStepOptions {
  memoryDir: string;
  logger: Logger;
  onEvent?: EventSink;
  parser: SourceParser;
}

/**
 * Transcripts first: they carry uuids, sessions and timestamps, so a message also found in an
 * export keeps the richer record as its first occurrence; and their raw-archive compression
 * (in the background) overlaps with the exports' import instead of trailing after it.
 */
function importOrder(files: readonly FoundFile[]): FoundFile[] {
  return [...files.filter((f) => f.kind === 'transcript'), ...files.filter((f) => f.kind !== 'transcript')];
}

/**
 * How many bytes of files may be parsed ahead of the import (they wait in memory, parsed, and
 * every parsed copy the worker hands over is garbage soon after). Measured on the 211 MB bench
 * corpus: 16 MB took the import's peak RSS to 435 MB, 4 MB to 285 MB, at no measurable cost in
 * speed.
 */
const PARSE_AHEAD_BYTES = 4 * 1024 * 1024;

/** Input bytes per commit of the import (see MemoryStore.beginGroup). */
const COMMIT_EVERY_BYTES = 32 * 1024 * 1024;

/** Step 3: every discovered file into the store, deduplicated, each file one atomic unit. */
export async function runImportStep(
  store: MemoryStore,
  found: readonly FoundFile[],
  state: ImportTally,
  o: ImportStepOptions,
): Promise<void> {
  const files = importOrder(found);
  const plans = files.map((f) => planImport(store, f));
  const parser = o.parser;
  state.rawArchiver = new RawTranscriptArchiver(store, memoryLayout(o.memoryDir).rawTranscriptsDir);
  store.beginGroup(COMMIT_EVERY_BYTES);
  const deferred = deferIndexesForImport(store, bytesToRead(plans));
  try {
    await importPlans(store, plans, new ParseAhead(parser, plans, PARSE_AHEAD_BYTES), state, o);
  } catch (err) {
    // The indexes this import left out are built as the run ends (export-dedup.ts).
    store.endGroup({ commit: false });
    throw err;
  } finally {
    if (plans.some((p) => 'job' in p)) o.logger.info('import', `files parsed ${parser.describe()}`);
  }
  if (deferred.length)
    o.logger.info(
      'import',
      `indexes ${deferred.join(', ')} left out during this import; the checkpoint builds them once it has taken its rows`,
    );
}

/** What the planned imports will read: whole exports, transcripts from where they stopped. */
function bytesToRead(plans: readonly ImportPlan[]): number {
  return plans.reduce((n, p) => ('job' in p ? n + p.file.size - (p.row?.end_offset ?? 0) : n), 0);
}

async function importPlans(
  store: MemoryStore,
  plans: ImportPlan[],
  ahead: ParseAhead,
  state: ImportTally,
  o: ImportStepOptions,
): Promise<void> {
  // Results are logged once their commit group is durable. A transcript's copy starts at once:
  // it is recorded only after the import step, and a copy beyond what the store recorded is
  // cut back by the next run (see raw-transcripts).
  let uncommitted: FileResult[] = [];
  const total = plans.length;
  for (const [index, plan] of plans.entries()) {
    const file = plan.file;
    o.onEvent?.({ type: 'file-started', index, total, path: file.path, bytes: file.size });
    // An export's import is synchronous work: a turn of the event loop between files lets
    // the background copies and, in the app's worker, progress messages through.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let result: FileResult;
    try {
      result = 'settled' in plan ? plan.settled : await importPlanned(store, plan, ahead.take(index));
    } catch (err) {
      if (err instanceof GroupRolledBack) undoUncommitted(state, uncommitted, file, err);
      throw err;
    }
    state.files.push(result);
    uncommitted.push(result);
    if (result.status === 'imported') state.totals = addCounts(state.totals, result.counts);
    if (result.status === 'imported' && result.kind === 'transcript')
      state.rawArchiver!.startCopy(result.sourceId);
    if (
      commitOrUndo(state, uncommitted, () =>
        store.groupProgress(result.status === 'imported' ? file.size : 0),
      )
    ) {
      uncommitted.forEach((r) => logFileResult(o.logger, r));
      uncommitted = [];
    }
    o.onEvent?.({ type: 'file-done', index, total, result, totals: state.totals });
  }
  commitOrUndo(state, uncommitted, () => store.endGroup());
  uncommitted.forEach((r) => logFileResult(o.logger, r));
}

/** A commit that failed undid the group: its files are not imported, whatever was said of them. */
function commitOrUndo<T>(state: ImportTally, uncommitted: FileResult[], commit: () => T): T {
  try {
    return commit();
  } catch (err) {
    if (err instanceof GroupRolledBack) undoUncommitted(state, uncommitted, null, err);
    throw err;
  }
}

/**
 * The group's files are undone in the store: they are not imported, whatever was said of them
 * (nothing was logged yet: results are logged once their group commits).
 */
function undoUncommitted(
  state: ImportTally,
  uncommitted: FileResult[],
  at: FoundFile | null,
  err: GroupRolledBack,
): void {
  const undone = new Set<FileResult>(uncommitted.filter((r) => r.status === 'imported'));
  const reason = `${at ? `at ${at.path}` : 'at its commit'}: ${err.message}`;
  state.files = state.files.map((r): FileResult =>
    undone.has(r) ? { status: 'failed', path: r.path, kind: r.kind, reason } : r,
  );
  if (at) state.files.push({ status: 'failed', path: at.path, kind: at.kind, reason: err.message });
  state.totals = state.files.reduce(
    (t, r) => (r.status === 'imported' ? addCounts(t, r.counts) : t),
    ZERO_COUNTS,
  );
}

function logFileResult(log: Logger, r: FileResult): void {
  switch (r.status) {
    case 'imported':
      log.info('import', `imported ${r.path}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`, {
        kind: r.kind,
        read: r.counts.read,
        new_unique: r.counts.newUnique,
        duplicates: r.counts.duplicates,
        dedup_rate: dedupRate(r.counts).toFixed(3),
      });
      return;
    case 'already-imported':
      log.info('import', `already imported: ${r.path} has the same bytes as ${r.sameAs}`);
      return;
    case 'unchanged':
      log.debug('import', `unchanged since the last run: ${r.path}`);
      return;
    case 'failed':
      log.error('import', `could not import ${r.path}: ${r.reason}`, { kind: r.kind });
  }
}
