import { decideDispositions, dropZones } from '../core/checkpoint/archive-policy';
import { defaultSources, discover } from '../core/discovery/discover';
import type { FoundFile } from '../core/discovery/types';
import { unchangedSourceTest } from '../core/memory/sources';
import { workspaceRunOptions } from '../core/pipeline/run-options';
import type { ResponseOf } from '../ipc/contract';
import type { ServiceContext } from '../ipc/context';

type Pending = ResponseOf<'exports:pending'>;

/**
 * What the next run would import: discovery exactly as the pipeline runs it, minus what the
 * index already holds unchanged (same path, size and time). Discovery is time-sliced, so the
 * event loop stays free while it walks the projects root.
 */
export async function pendingFiles(ctx: ServiceContext): Promise<Pending> {
  const run = workspaceRunOptions(ctx.workspace, ctx);
  const sources = defaultSources({ ...run, includeTemp: false, includeTranscripts: true });
  const found = await discover(sources, { settleMs: ctx.options.settleMs });
  const isKnown = ctx.store.read(unchangedSourceTest, () => () => false);
  const files = found.files.filter((f) => !isKnown(f));
  // What the archive step will do with each export, so that the app can say it before the run.
  const decided = await decideDispositions(
    files.filter((f) => f.kind === 'export').map((f) => f.path),
    { mode: run.archiveMode, dropZones: dropZones(run) },
  );
  return {
    files: files.map((f) => ({
      ...toPending(f),
      ...(decided.has(f.path) ? { archive: decided.get(f.path) } : {}),
    })),
    waiting: found.waiting.map(toPending),
  };
}

function toPending(f: FoundFile): Pending['files'][number] {
  return { path: f.path, kind: f.kind, size: f.size, mtimeMs: f.mtimeMs, source: f.source };
}
