import { Collector } from './collector';
import type { Verdict } from './examine';
import { LinkBounds } from './link-bounds';
import { isSkippedDirName } from './skip-dirs';
import { SourceWalk, type WalkShared } from './source-walk';
import { TimeSlicer } from './time-slicer';
import type { DiscoverOptions, DiscoveryResult, DiscoverySource } from './types';

export { defaultSources, TEMP_MAX_AGE_MS } from './sources';
export { decodeProjectDir } from './project-dir';
export type * from './types';

export const DEFAULT_SETTLE_MS = 5000;

/** Longest stretch of synchronous file-system work before the event loop gets a turn. */
const SLICE_MS = 8;

/**
 * Find the `/export` files and Claude Code transcripts under the given sources. Never throws
 * for file-system trouble: unreadable directories, loops and odd files become `problems`;
 * files still being written go to `waiting`. Everything is sorted by path.
 */
export async function discover(
  sources: DiscoverySource[],
  opts: DiscoverOptions = {},
): Promise<DiscoveryResult> {
  const shared: WalkShared = {
    clock: { now: opts.now ?? Date.now(), settleMs: opts.settleMs ?? DEFAULT_SETTLE_MS },
    skipDir: opts.skipDirs ?? isSkippedDirName,
    collector: new Collector(),
    counts: { dirsScanned: 0, entriesSeen: 0 },
    slicer: new TimeSlicer(SLICE_MS),
    memo: new Map<string, Verdict>(),
    bounds: new LinkBounds(linkRoots(sources)),
  };
  for (const [index, source] of sources.entries()) await new SourceWalk(shared, source, index).walk();
  return shared.collector.result(shared.counts);
}

/**
 * The places a symlink may lead to: every source but the current directory, which is looked
 * in only because a run may start where `/export` just wrote, and may be any folder at all.
 */
function linkRoots(sources: readonly DiscoverySource[]): string[] {
  return sources.filter((s) => s.name !== 'cwd').map((s) => s.dir);
}
