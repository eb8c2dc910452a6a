import { Collector } from './collector';
import { isSkippedDirName } from './skip-dirs';
import { SourceWalk, type WalkShared } from './source-walk';
import { TaskPool } from './task-pool';
import type { DiscoverOptions, DiscoveryResult, DiscoverySource } from './types';

export { defaultSources, transcriptDirs, TEMP_MAX_AGE_MS } from './sources';
export { decodeProjectDir } from './project-dir';
export { isSkippedDirName } from './skip-dirs';
export type * from './types';

export const DEFAULT_SETTLE_MS = 5000;
/**
 * Enough requests in flight to keep libuv's thread pool busy (the default pool has four
 * threads), few enough that open file handles stay far below any descriptor limit.
 */
export const DEFAULT_CONCURRENCY = 32;

/**
 * Find the `/export` files and Claude Code transcripts under the given sources. Never throws
 * for file-system trouble: unreadable directories, loops and odd files become `problems`;
 * files still being written go to `waiting`. Everything is sorted by path.
 */
export async function discover(sources: DiscoverySource[], opts: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const shared: WalkShared = {
    pool: new TaskPool(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)),
    clock: { now: opts.now ?? Date.now(), settleMs: opts.settleMs ?? DEFAULT_SETTLE_MS },
    skipDir: opts.skipDirs ?? isSkippedDirName,
    collector: new Collector(),
    counts: { dirsScanned: 0, entriesSeen: 0 },
  };
  sources.forEach((source, index) => new SourceWalk(shared, source, index).start());
  await shared.pool.drain();
  return shared.collector.result(shared.counts);
}
