import path from 'node:path';

/** What one repository must record. */
export type Selection =
  /** Exactly these paths (absolute files or directories): what changed there is staged, nothing else. */
  | { mode: 'paths'; paths: string[] }
  /** Every pending change (`--all-changes`), except below `exclude` (absolute). */
  | { mode: 'all'; exclude: string[] };

export interface PlannedRepo {
  dir: string;
  gitDir: string;
  commonDir: string;
  selection: Selection;
  /** Submodules in this plan: once they have committed, this repository records their new commits. */
  children: { dir: string; path: string }[];
}

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface CommitPlan {
  root: string;
  /** The MEMORY-CONTEXT directory: its files pass the secret guard before they are staged; its `.local/` is never committed. */
  memoryDir: string;
  /** Every submodule before the repository that records it, up to the top. */
  repos: PlannedRepo[];
  /** Paths handed to the plan that no repository under the root records, and why. */
  skipped: SkippedPath[];
}

/** Deepest first: a submodule's directory is always below its parent's, so this puts children before parents. */
export function childrenFirst<T extends { dir: string }>(repos: T[]): T[] {
  const depth = (d: string) => d.split(path.sep).length;
  return [...repos].sort((a, b) => depth(b.dir) - depth(a.dir) || a.dir.localeCompare(b.dir));
}

export function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
