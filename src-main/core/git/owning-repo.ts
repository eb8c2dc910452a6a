import path from 'node:path';
import { readGitDirs, type GitDirs } from './git-dir';
import { gitlinksAmong, gitRelPath } from './gitlinks';
import { isInside } from './commit-plan';

export interface OwnedBy extends GitDirs {
  dir: string;
}

/**
 * The repository that records `p`: the nearest directory at or above it with a `.git`,
 * not above the root. Works for paths that no longer exist (a removed archive original):
 * missing directories on the way up are simply passed.
 */
export function owningRepo(p: string, root: string): OwnedBy | null {
  const top = path.resolve(root);
  for (let dir = path.resolve(p); isInside(dir, top); dir = path.dirname(dir)) {
    const d = readGitDirs(dir);
    if (d) return { dir, ...d };
    if (dir === top) break;
  }
  return null;
}

/**
 * The repository whose index records `repo` as a gitlink (its superproject), if that is
 * under the root. A repository merely nested in another's tree has none.
 */
export async function superprojectOf(
  repoDir: string,
  root: string,
): Promise<{ parent: OwnedBy; path: string } | null> {
  if (repoDir === path.resolve(root)) return null;
  const parent = owningRepo(path.dirname(repoDir), root);
  if (!parent) return null;
  const rel = gitRelPath(parent.dir, repoDir);
  const links = await gitlinksAmong(parent.dir, [rel]).catch(() => new Set<string>());
  return links.has(rel) ? { parent, path: rel } : null;
}
