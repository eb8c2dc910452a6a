import os from 'node:os';
import { mapLimit } from './bounded';
import type { Repo } from './discover-repos';
import { GitCommandError, MissingDirectoryError, runGit, runGitEach } from './git-runner';
import {
  lastCommit,
  LAST_COMMIT_LOG_ARGS,
  parseLastCommitLog,
  readLooseCommit,
  type LastCommit,
} from './last-commit';
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
  return parsePorcelainV2(await runGit(dir, statusArgs(q), { readOnly: true }));
}

function statusArgs(q: StatusQuery): string[] {
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
  return args;
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

/**
 * The status of every repository, in parallel with a bound; one failing repository fails only
 * its own row. The same as `repoStatus` of each, with the `git` processes started in batches
 * (`runGitEach`): one `git status` per repository, and one `git log -1` per repository whose
 * last commit is packed.
 */
export async function statusOfAll<R extends Pick<Repo, 'dir' | 'gitDir' | 'commonDir'>>(
  repos: readonly R[],
  concurrency = statusConcurrency(),
  opts: { batch?: boolean } = {},
): Promise<{ repo: R; status: RepoStatusResult }[]> {
  const each = { readOnly: true, concurrency, batch: opts.batch };
  const outs = await runGitEach(
    repos.map((r) => r.dir),
    statusArgs({}),
    each,
  );
  // Bounded too: a file handle per loose commit read.
  const rows = await mapLimit(
    repos,
    concurrency,
    async (repo, i): Promise<{ repo: R; status: RepoStatusResult; packed?: boolean }> => {
      const out = outs[i]!;
      if (!out.ok) return { repo, status: statusError(out.error) };
      try {
        const { head, entries } = parsePorcelainV2(out.stdout);
        const commit = head.oid ? await readLooseCommit(repo.commonDir, head.oid) : null;
        const status: RepoStatusResult = {
          ok: true,
          head,
          counts: countEntries(entries),
          operation: operationInProgress(repo.gitDir),
          lastCommit: commit,
        };
        return { repo, status, packed: Boolean(head.oid && !commit) };
      } catch (err) {
        return { repo, status: statusError(err) };
      }
    },
  );
  // The last commits that are not loose objects: `git log -1`, batched the same way.
  const packed = rows.filter((r) => r.packed);
  const logs = await runGitEach(
    packed.map((r) => r.repo.dir),
    LAST_COMMIT_LOG_ARGS,
    each,
  );
  packed.forEach((row, k) => {
    const log = logs[k]!;
    if (!log.ok) row.status = statusError(log.error);
    else if (row.status.ok) row.status.lastCommit = parseLastCommitLog(log.stdout);
  });
  return rows.map(({ repo, status }) => ({ repo, status }));
}

function statusError(err: unknown): RepoStatusResult & { ok: false } {
  if (err instanceof MissingDirectoryError)
    return { ok: false, error: 'the repository is gone (deleted or moved)' };
  return { ok: false, error: err instanceof GitCommandError ? err.message : String(err) };
}
