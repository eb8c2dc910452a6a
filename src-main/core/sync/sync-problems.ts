import type { GitFault } from '../git/faults';

/** Where a sync stopped; everything before it is done, nothing after it was tried. */
export type SyncStage = 'check' | 'commit' | 'fetch' | 'integrate' | 'ingest' | 'push';

export interface SyncProblem {
  stage: SyncStage;
  /** What happened, naming the repository; says what was kept. */
  message: string;
  /** What the user can do. */
  fix: string;
  /** What git printed, when that is the explanation. */
  output?: string;
}

const PUSH_DETAIL: Partial<Record<GitFault['kind'], string>> = {
  'push-rejected': 'the remote refused the push (new commits arrived meanwhile, or a hook on it refused it).',
  'push-failed': 'the push did not go through (offline, or the address or credentials are wrong).',
  'no-remote': 'there is no remote to push to.',
};

const AGAIN = 'then run `coditect sync` again';

export const syncProblem = {
  notInGit: (notice: string): SyncProblem => ({
    stage: 'check',
    message: notice,
    fix: 'run `coditect setup` to choose a memory repository',
  }),
  detached: (repo: string): SyncProblem => ({
    stage: 'check',
    message: `${repo} is on a detached HEAD: there is no branch to sync; nothing was changed.`,
    fix: `check out the memory's branch (git -C "${repo}" switch main), ${AGAIN}`,
  }),
  unborn: (repo: string): SyncProblem => ({
    stage: 'check',
    message: `${repo} has no commit yet and nothing to commit: there is nothing to sync.`,
    fix: 'run `coditect export-dedup` first (it commits the first checkpoint)',
  }),
  operation: (repo: string, op: string): SyncProblem => ({
    stage: 'check',
    message: `${repo}: a ${op} is in progress (not started by CODITECT); nothing was changed.`,
    fix: `finish it (git -C "${repo}" ${op} --continue) or abort it (git -C "${repo}" ${op} --abort), ${AGAIN}`,
  }),
  dirty: (repo: string, paths: string[]): SyncProblem => ({
    stage: 'check',
    message: `${repo} has changes outside the memory (${preview(paths)}): syncing would carry them along or stop half-way, so nothing was changed.`,
    fix: `commit or stash them (git -C "${repo}" stash), ${AGAIN}`,
  }),
  noRemote: (repo: string, detail: string): SyncProblem => ({
    stage: 'check',
    message: `${repo}: ${detail}, so there is nothing to sync with; nothing was changed.`,
    fix: `add the shared memory repository: git -C "${repo}" remote add origin <url>, ${AGAIN}`,
  }),
  commitFailed: (detail: string): SyncProblem => ({
    stage: 'commit',
    message: `the pending memory could not be committed: ${detail}`,
    fix: `fix that, ${AGAIN}`,
  }),
  unreachable: (repo: string, remote: string, output: string): SyncProblem => ({
    stage: 'fetch',
    message: `${repo}: could not reach ${remote} (offline, or the address or credentials are wrong). Your memory is committed here and nothing else changed.`,
    fix: `check the connection (git -C "${repo}" fetch works by hand?), ${AGAIN}; it picks up where this one stopped`,
    output,
  }),
  diverged: (repo: string, upstream: string, output: string): SyncProblem => ({
    stage: 'integrate',
    message: `${repo}: the commits from ${upstream} touch the same files as this machine's and cannot be replayed on them; the rebase was undone, so your commits are as they were.`,
    fix: `integrate by hand (git -C "${repo}" pull --rebase, resolve, continue), ${AGAIN}`,
    output,
  }),
  ingestFailed: (detail: string): SyncProblem => ({
    stage: 'ingest',
    message: `what arrived is in the memory repository, but the local index could not take it in: ${detail}`,
    fix: 'run `coditect reindex`',
  }),
  pushFailed: (repo: string, f: GitFault): SyncProblem => ({
    stage: 'push',
    message: `${repo}: ${PUSH_DETAIL[f.kind] ?? 'the push did not go through.'} Your memory is committed here; nothing was forced.`,
    fix: 'run `coditect sync --push` again (it retries the push)',
    output: f.output,
  }),
};

function preview(paths: string[]): string {
  return paths.length <= 3
    ? paths.join(', ')
    : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

export function describeProblem(p: SyncProblem): string {
  const out = p.output?.trim()
    ? `\n${p.output
        .trim()
        .split('\n')
        .slice(-10)
        .map((l) => `    | ${l}`)
        .join('\n')}`
    : '';
  return `${p.message} Fix: ${p.fix}.${out}`;
}
