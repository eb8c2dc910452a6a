import fs from 'node:fs';
import path from 'node:path';

/** A multi-step git operation left half-way: committing now would mix our files into it. */
export type Operation = 'merge' | 'rebase' | 'am' | 'cherry-pick' | 'revert' | 'bisect';

// The marker files git itself checks (wt-status.c), in the per-worktree git dir.
const MARKERS: readonly [string, Operation][] = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply/applying', 'am'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

export function operationInProgress(gitDir: string): Operation | null {
  for (const [marker, op] of MARKERS) {
    if (fs.existsSync(path.join(gitDir, marker))) return op;
  }
  return null;
}
