import path from 'node:path';
import { mapLimit } from './bounded';
import { isLinkedWorktree, readGitDirs, type GitDirs } from './git-dir';
import { gitlinksAmong, gitRelPath, registeredSubmodulePaths } from './gitlinks';
import { findRepoDirs, type WalkProblem } from './repo-walk';

/** What a repository is, relative to the others under the root. */
export type RepoKind =
  /** Not inside any other repository under the root. */
  | { kind: 'top-level' }
  /** Recorded as a gitlink in `parent`'s index; `registered`: also listed in its `.gitmodules`. */
  | { kind: 'submodule'; parent: string; path: string; registered: boolean }
  /** Inside another repository's tree, but not one of its submodules (ignored or untracked there). */
  | { kind: 'nested'; enclosing: string }
  /** A linked worktree (`git worktree add`) of the repository at `of`. */
  | { kind: 'worktree'; of: string };

export type Repo = {
  /** The working tree, absolute. */
  dir: string;
  /** `dir` relative to the root, `.` for the root itself. */
  relPath: string;
  gitDir: string;
  commonDir: string;
} & RepoKind;

export interface RepoDiscovery {
  root: string;
  repos: Repo[];
  problems: WalkProblem[];
}

const GIT_PROCESSES = 8;

export async function discoverRepos(root: string): Promise<RepoDiscovery> {
  const top = path.resolve(root);
  const walk = await findRepoDirs(top);
  const problems = [...walk.problems];
  const dirs = new Map<string, GitDirs>();
  for (const dir of walk.dirs) {
    const d = readGitDirs(dir);
    if (d) dirs.set(dir, d);
    else
      problems.push({
        path: path.join(dir, '.git'),
        reason: 'not a usable .git (a .git file without a valid gitdir line?)',
      });
  }
  const submodules = await findSubmodules(dirs);
  const repos = [...dirs].map(([dir, d]) => ({
    dir,
    relPath: path.relative(top, dir) || '.',
    gitDir: d.gitDir,
    commonDir: d.commonDir,
    ...classify(dir, d, dirs, submodules),
  }));
  return { root: top, repos, problems };
}

function classify(
  dir: string,
  d: GitDirs,
  all: Map<string, GitDirs>,
  submodules: Map<string, SubmoduleLink>,
): RepoKind {
  if (isLinkedWorktree(d)) return { kind: 'worktree', of: mainWorktreeOf(d.commonDir) };
  const link = submodules.get(dir);
  if (link) return { kind: 'submodule', ...link };
  const enclosing = enclosingRepo(dir, all);
  return enclosing ? { kind: 'nested', enclosing } : { kind: 'top-level' };
}

/** The nearest ancestor directory that is itself a repository under the root. */
export function enclosingRepo(dir: string, repos: { has(dir: string): boolean }): string | null {
  for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
    if (repos.has(p)) return p;
  }
  return null;
}

/** `…/repo/.git` → `…/repo`; a bare or submodule common dir stays as it is. */
function mainWorktreeOf(commonDir: string): string {
  return path.basename(commonDir) === '.git' ? path.dirname(commonDir) : commonDir;
}

interface SubmoduleLink {
  parent: string;
  path: string;
  registered: boolean;
}

/** One `git ls-files` per repository that has repositories inside it; none for the rest. */
async function findSubmodules(all: Map<string, GitDirs>): Promise<Map<string, SubmoduleLink>> {
  const byParent = new Map<string, string[]>();
  for (const [dir, d] of all) {
    if (isLinkedWorktree(d)) continue;
    const parent = enclosingRepo(dir, all);
    if (parent) byParent.set(parent, [...(byParent.get(parent) ?? []), dir]);
  }
  const links = new Map<string, SubmoduleLink>();
  await mapLimit([...byParent], GIT_PROCESSES, async ([parent, children]) => {
    const rels = children.map((c) => gitRelPath(parent, c));
    const registered = registeredSubmodulePaths(parent);
    // A broken parent index: fall back to what the files say.
    const gitlinks = await gitlinksAmong(parent, rels).catch(() => null);
    children.forEach((child, i) => {
      const rel = rels[i]!;
      const absorbed = all
        .get(child)!
        .gitDir.startsWith(path.join(all.get(parent)!.commonDir, 'modules') + path.sep);
      const isLink = gitlinks ? gitlinks.has(rel) : registered.has(rel) || absorbed;
      if (isLink) links.set(child, { parent, path: rel, registered: registered.has(rel) });
    });
  });
  return links;
}
