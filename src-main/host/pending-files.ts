import { defaultSources, discover } from '../core/discovery/discover';
import type { FoundFile } from '../core/discovery/types';
import type { MemoryStore } from '../core/memory/store';
import type { ResponseOf } from '../ipc/contract';
import type { ServiceContext } from '../ipc/context';

type Pending = ResponseOf<'exports:pending'>;

/**
 * What the next run would import: discovery exactly as the pipeline runs it, minus what the
 * index already holds unchanged (same path, size and time). Discovery is time-sliced, so the
 * event loop stays free while it walks the projects root.
 */
export async function pendingFiles(ctx: ServiceContext): Promise<Pending> {
  const ws = ctx.workspace;
  const sources = defaultSources({
    root: ws.root,
    memoryDir: ws.layout.root,
    cwd: ctx.cwd,
    home: ws.home,
    tmpdir: ctx.tmpdir,
    env: ws.env,
    includeTemp: false,
    includeTranscripts: true,
    exportLocations: ws.settings.exportLocations,
  });
  const found = await discover(sources, { settleMs: ctx.options.settleMs });
  const isKnown = ctx.store.read(knownChecker, () => () => false);
  return {
    files: found.files.filter((f) => !isKnown(f)).map(toPending),
    waiting: found.waiting.map(toPending),
  };
}

function knownChecker(store: MemoryStore): (f: FoundFile) => boolean {
  const stmt = store.db
    .prepare('SELECT 1 FROM sources WHERE kind = ? AND path = ? AND size = ? AND mtime_ms = ?')
    .pluck();
  return (f) => stmt.get(f.kind, f.path, f.size, f.mtimeMs) !== undefined;
}

function toPending(f: FoundFile): Pending['files'][number] {
  return { path: f.path, kind: f.kind, size: f.size, mtimeMs: f.mtimeMs, source: f.source };
}
