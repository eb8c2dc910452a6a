import fs from 'node:fs';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { drainQueue } from './bounded';

/**
 * Finds every directory below the root that has a `.git` entry (directory or file), the
 * way `find ROOT -name .git` would, minus the trees that never hold a repository of their
 * own and are often huge. Directory symlinks are followed once each: a target inside the
 * root is walked under its real path anyway, and a target already walked is not walked
 * again, so a symlink loop ends the first time round.
 */
export interface RepoWalkResult {
  /** Working-tree directories (absolute, as reached from the root), sorted. */
  dirs: string[];
  problems: WalkProblem[];
}

export interface WalkProblem {
  path: string;
  reason: string;
}

// Dependency and cache trees: thousands of directories, never a repository worth tracking.
// (Unlike export discovery, `build`, `dist` and `out` are walked: people name repositories so.)
const SKIPPED: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  'bower_components',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.next',
  '.nuxt',
  '.cache',
  '.terraform',
]);

const READDIR_IN_FLIGHT = 32;

interface Item {
  dir: string;
  /** Reached through a followed symlink: the real path decides whether it was seen already. */
  viaLink: boolean;
}

export async function findRepoDirs(root: string): Promise<RepoWalkResult> {
  const start = path.resolve(root);
  const found = new Map<string, string>(); // identity (real path for linked ones) -> path as reached
  const problems: WalkProblem[] = [];
  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(start);
  } catch (err) {
    return { dirs: [], problems: [{ path: start, reason: reason(err) }] };
  }
  const followed: string[] = [realRoot];
  const visit = async ({ dir, viaLink }: Item, add: (i: Item) => void): Promise<void> => {
    const entries = await list(dir, problems);
    if (!entries) return;
    if (entries.some((e) => e.name === '.git')) await remember(found, dir, viaLink);
    for (const e of entries) {
      if (SKIPPED.has(e.name)) continue;
      const child = path.join(dir, e.name);
      if (e.isDirectory()) add({ dir: child, viaLink });
      else if (e.isSymbolicLink() && (await followable(child, followed, problems)))
        add({ dir: child, viaLink: true });
    }
  };
  await drainQueue<Item>([{ dir: start, viaLink: false }], READDIR_IN_FLIGHT, visit);
  return {
    dirs: [...found.values()].sort(),
    problems: problems.sort((a, b) => a.path.localeCompare(b.path)),
  };
}

async function list(dir: string, problems: WalkProblem[]): Promise<Dirent[] | null> {
  try {
    return await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (err) {
    // Vanished since its parent was listed: not a problem, just gone.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') problems.push({ path: dir, reason: reason(err) });
    return null;
  }
}

async function remember(found: Map<string, string>, dir: string, viaLink: boolean): Promise<void> {
  const key = viaLink ? await fs.promises.realpath(dir).catch(() => dir) : dir;
  if (!found.has(key)) found.set(key, dir);
}

/** A symlink to a directory not walked yet (and not inside one that is): follow it, once. */
async function followable(link: string, followed: string[], problems: WalkProblem[]): Promise<boolean> {
  let real: string;
  try {
    real = await fs.promises.realpath(link);
    if (!(await fs.promises.stat(real)).isDirectory()) return false;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') problems.push({ path: link, reason: 'symlink loop' });
    return false; // dangling links are common and harmless
  }
  if (followed.some((f) => real === f || real.startsWith(f + path.sep))) return false;
  // A link up to an ancestor of a walked tree (`~/PROJECTS/up -> ~`) would walk it all again.
  if (followed.some((f) => f.startsWith(real + path.sep))) {
    problems.push({ path: link, reason: `symlink loop: leads up to ${real}, not followed` });
    return false;
  }
  followed.push(real);
  return true;
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied: not searched';
  return e.code ? `${e.code}: ${e.message}` : String(err);
}
