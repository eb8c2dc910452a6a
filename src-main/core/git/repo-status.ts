import os from 'node:os';
import { mapLimit } from './bounded';
import type { Repo } from './discover-repos';
import { GitCommandError, MissingDirectoryError, runGit } from './git-runner';
import { lastCommit, type LastCommit } from './last-commit';
import { operationInProgress, type Operation } from './operation';
import {
  countEntries,
  parsePorcelainV2,
  type BranchHead,
  type StatusCounts,
  type StatusEntry,
} from './porcelain-v2';

export interface RepoStatus {
  head: BranchHead;
  counts: StatusCounts;
  operation: Operation | null;
  /** null on an unborn branch. */
  lastCommit: LastCommit | null;
}

export type RepoStatusResult = ({ ok: true } & RepoStatus) | { ok: false; error: string };

export interface StatusQuery {
  /** Limit the status to these paths (POSIX, relative to the repository). */
  pathspecs?: readonly string[];
  /** `all` lists every untracked file (what a commit would add); `no` skips the scan. Default `normal`. */
  untracked?: 'no' | 'normal' | 'all';
  /** Ignore submodules' own dirty work trees: only a moved submodule commit counts. */
  ignoreDirtySubmodules?: boolean;
}

/** `git status --porcelain=v2 --branch -z`, parsed. Read-only: takes no optional lock. */
export async function readStatus(
  dir: string,
  q: StatusQuery = {},
): Promise<{ head: BranchHead; entries: StatusEntry[] }> {
  const args = [
    '--literal-pathspecs',
    'status',
    '--porcelain=v2',
    '--branch',
    '-z',
    `--untracked-files=${q.untracked ?? 'normal'}`,
  ];
  if (q.ignoreDirtySubmodules) args.push('--ignore-submodules=dirty');
  if (q.pathspecs) args.push('--', ...q.pathspecs);
  return parsePorcelainV2(await runGit(dir, args, { readOnly: true }));
}

export async function repoStatus(repo: Pick<Repo, 'dir' | 'gitDir' | 'commonDir'>): Promise<RepoStatus> {
  const { head, entries } = await readStatus(repo.dir);
  return {
    head,
    counts: countEntries(entries),
    operation: operationInProgress(repo.gitDir),
    lastCommit: head.oid ? await lastCommit(repo.dir, repo.commonDir, head.oid) : null,
  };
}

/** How many `git status` run at once: git uses a few threads of its own, and the disk is shared. */
export function statusConcurrency(): number {
  return Math.min(16, Math.max(2, os.availableParallelism() * 2));
}

/** The status of every repository, in parallel with a bound; one failing repository fails only its own row. */
export async function statusOfAll<R extends Pick<Repo, 'dir' | 'gitDir' | 'commonDir'>>(
  repos: readonly R[],
  concurrency = statusConcurrency(),
): Promise<{ repo: R; status: RepoStatusResult }[]> {
  return mapLimit(repos, concurrency, async (repo) => ({ repo, status: await statusOrError(repo) }));
}

async function statusOrError(repo: Pick<Repo, 'dir' | 'gitDir' | 'commonDir'>): Promise<RepoStatusResult> {
  try {
    return { ok: true, ...(await repoStatus(repo)) };
  } catch (err) {
    if (err instanceof MissingDirectoryError)
      return { ok: false, error: 'the repository is gone (deleted or moved)' };
    return { ok: false, error: err instanceof GitCommandError ? err.message : String(err) };
  }
}
