import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a working tree keeps its git data, read from the file system alone (no git
 * process: discovery runs this for every repository under the root).
 * - `.git` directory: an ordinary repository; both dirs are that directory.
 * - `.git` file (`gitdir: <path>`): a submodule (`…/.git/modules/<name>`) or a worktree
 *   (`…/.git/worktrees/<name>`, which has a `commondir` file naming the shared repository).
 */
export interface GitDirs {
  /** Per-worktree data: HEAD, index, index.lock, MERGE_HEAD, rebase state. */
  gitDir: string;
  /** Shared data: objects, refs, config, hooks. */
  commonDir: string;
  /** The `.git` entry is a file (submodule or worktree), not a directory. */
  viaFile: boolean;
}

export function readGitDirs(worktree: string): GitDirs | null {
  const dotGit = path.join(worktree, '.git');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dotGit);
  } catch {
    return null;
  }
  if (stat.isDirectory()) return { gitDir: dotGit, commonDir: dotGit, viaFile: false };
  const gitDir = readGitFile(dotGit);
  if (!gitDir) return null;
  return { gitDir, commonDir: readCommonDir(gitDir), viaFile: true };
}

function readGitFile(file: string): string | null {
  try {
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(fs.readFileSync(file, 'utf8'));
    return m ? path.resolve(path.dirname(file), m[1]!) : null;
  } catch {
    return null;
  }
}

function readCommonDir(gitDir: string): string {
  try {
    const rel = fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim();
    return rel ? path.resolve(gitDir, rel) : gitDir;
  } catch {
    return gitDir;
  }
}

/** True when this working tree is a linked worktree (`git worktree add`), not a repository's main one. */
export function isLinkedWorktree(d: GitDirs): boolean {
  return d.gitDir !== d.commonDir;
}
