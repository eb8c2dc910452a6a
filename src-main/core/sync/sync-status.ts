import { owningRepo } from '../git/owning-repo';
import { pushTarget } from '../git/push';
import { readStatus } from '../git/repo-status';
import { memoryLayout } from '../workspace/memory-layout';
import { countCommits, refExists, trackingRef } from './sync-git';
import { readLastSync, type LastSync } from './sync-record';

/** The status bar's sync indicator: from local refs only (no fetch), so it is cheap and offline-safe. */
export type SyncStatus =
  | { state: 'not-in-git'; memoryDir: string }
  | { state: 'no-remote'; repo: string; lastSync: LastSync | null }
  | { state: 'detached'; repo: string; lastSync: LastSync | null }
  | {
      state: 'tracking';
      repo: string;
      branch: string;
      upstream: string;
      /** As of the last fetch: commits here not pushed, commits there not yet here. */
      ahead: number;
      behind: number;
      lastSync: LastSync | null;
    };

export async function memorySyncStatus(root: string, memoryDir: string): Promise<SyncStatus> {
  const layout = memoryLayout(memoryDir);
  const repo = owningRepo(layout.root, root);
  if (!repo) return { state: 'not-in-git', memoryDir: layout.root };
  const lastSync = readLastSync(layout);
  const { head } = await readStatus(repo.dir, { untracked: 'no' });
  if (head.type === 'detached') return { state: 'detached', repo: repo.dir, lastSync };
  const target = await pushTarget(repo.dir, head.name);
  if ('problem' in target) return { state: 'no-remote', repo: repo.dir, lastSync };
  const tracking = trackingRef(target.remote, target.ref);
  const known = await refExists(repo.dir, tracking);
  const hasHead = head.oid !== null;
  return {
    state: 'tracking',
    repo: repo.dir,
    branch: head.name,
    upstream: `${target.remote}/${target.ref.replace(/^refs\/heads\//, '')}`,
    ahead: hasHead ? await countCommits(repo.dir, known ? tracking : null, 'HEAD') : 0,
    behind: known && hasHead ? await countCommits(repo.dir, 'HEAD', tracking) : 0,
    lastSync,
  };
}
