import fs from 'node:fs';
import path from 'node:path';
import type { PlannedRepo } from './commit-plan';
import { gitRelPath } from './gitlinks';
import type { BranchHead, StatusEntry } from './porcelain-v2';
import { readStatus } from './repo-status';

/** One path the commit will record, as git status reports it (POSIX, relative to the repository). */
export interface Change {
  path: string;
  /** Renames also record the removal of the old path. */
  origPath?: string;
  /** A submodule's new commit, not a file. */
  gitlink: boolean;
  /** Already staged before we touched anything (and not changed since): left staged if we back out. */
  stagedBefore: boolean;
}

/**
 * What of the planned selection is actually pending, and only that: staged files that are
 * not ours, submodules' own dirty trees, ignored files and other nested repositories stay out.
 * `gitlinks`: the submodule paths this repository may record now (their commits went well).
 */
export async function pendingChanges(
  repo: PlannedRepo,
  gitlinks: readonly string[],
): Promise<{ head: BranchHead; changes: Change[] }> {
  const sel = repo.selection;
  const pathspecs =
    sel.mode === 'paths'
      ? [...sel.paths.map((p) => gitRelPath(repo.dir, p)).filter(Boolean), ...gitlinks]
      : undefined;
  // No paths would mean "everything" to git; only the head is wanted then.
  if (pathspecs?.length === 0)
    return {
      head: (await readStatus(repo.dir, { untracked: 'no', ignoreDirtySubmodules: true })).head,
      changes: [],
    };
  const { head, entries } = await readStatus(repo.dir, {
    pathspecs,
    untracked: 'all',
    ignoreDirtySubmodules: true,
  });
  const children = new Set(repo.children.map((c) => c.path));
  const allowed = new Set(gitlinks);
  const excluded = sel.mode === 'all' ? sel.exclude.map((e) => gitRelPath(repo.dir, e)) : [];
  const changes = entries.flatMap((e) => {
    const c = toChange(e);
    if (!c) return [];
    if (excluded.some((x) => c.path === x || c.path.startsWith(`${x}/`))) return [];
    // A submodule may move only once its own commit went well.
    if ((c.gitlink || children.has(c.path)) && !allowed.has(c.path)) return [];
    // An untracked nested repository: `git add` would embed it; it is committed on its own.
    if (!c.gitlink && c.path.endsWith('/') && fs.existsSync(path.join(repo.dir, c.path, '.git'))) return [];
    return [c];
  });
  return { head, changes };
}

function toChange(e: StatusEntry): Change | null {
  switch (e.kind) {
    case 'untracked':
      return { path: e.path, gitlink: false, stagedBefore: false };
    case 'changed':
      return {
        path: e.path,
        origPath: e.origPath,
        gitlink: e.submodule !== null,
        stagedBefore: e.x !== '.' && e.y === '.',
      };
    default:
      return null;
  }
}

/** Every path a change touches (a rename: both ends). */
export function changePaths(changes: readonly Change[]): string[] {
  return changes.flatMap((c) => (c.origPath ? [c.path, c.origPath] : [c.path]));
}
