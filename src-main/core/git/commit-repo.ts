import fs from 'node:fs';
import path from 'node:path';
import { messageArgs, type CommitMessage } from './commit-message';
import type { PlannedRepo } from './commit-plan';
import { describeFault, fault, type GitFault } from './faults';
import { GIT_STEP, type GitLog } from './git-log';
import { commitFault, faultOf } from './failure-fault';
import { runGit } from './git-runner';
import { changePaths, pendingChanges, type Change } from './pending-changes';
import { withPathspecFile } from './pathspec-file';
import { checkReady, type ReadyRepo } from './repo-checks';
import { readStatus } from './repo-status';
import { guardMemoryFiles } from './secret-guard';

export type RepoOutcome =
  /** `redactions`: secrets taken out of memory files just before they were staged. */
  | {
      status: 'committed';
      dir: string;
      branch: string;
      hash: string;
      paths: string[];
      gitlinks: string[];
      redactions: number;
    }
  /** `branch` null: detached (fine while there is nothing to commit). */
  | { status: 'unchanged'; dir: string; branch: string | null }
  /** `--dry-run`: what would be committed (gitlinks of submodules that would commit first included). */
  | { status: 'planned'; dir: string; branch: string | null; paths: string[]; gitlinks: string[] }
  | { status: 'failed'; dir: string; fault: GitFault };

export interface RepoRunOptions {
  message: CommitMessage;
  dryRun: boolean;
  lockWaitMs?: number;
  /** Submodule paths whose commits went well (or would, in a dry run): their gitlinks may move. */
  gitlinks: string[];
  /** The MEMORY-CONTEXT directory: its files pass the secret guard before they are staged. */
  memoryDir: string;
  log: GitLog;
}

const COMMIT_TIMEOUT_MS = 15 * 60_000; // a pre-commit hook may run a test suite

/**
 * One repository: check, stage exactly the pending selection, verify with `git status` that
 * none of it is left unstaged, commit, verify that none of it is left uncommitted. On any
 * failure before the commit, what was staged is unstaged again: no partial commit, and the
 * index as the user left it.
 */
export async function commitRepo(repo: PlannedRepo, o: RepoRunOptions): Promise<RepoOutcome> {
  try {
    if (!fs.existsSync(repo.dir) || !fs.existsSync(repo.gitDir))
      return failed(repo, fault.missingRepo(repo.dir), o.log);
    // What is pending first: a repository with nothing to record is fine in any state (a clean submodule on a detached HEAD).
    const { head, changes } = await pendingChanges(repo, o.gitlinks);
    const branch = head.type === 'branch' ? head.name : null;
    if (!changes.length && !(o.dryRun && o.gitlinks.length)) {
      if (o.dryRun) return { status: 'planned', dir: repo.dir, branch, paths: [], gitlinks: [] };
      o.log.info(GIT_STEP, `nothing to commit in ${repo.dir}`);
      return { status: 'unchanged', dir: repo.dir, branch };
    }
    const readiness = await checkReady(repo, o.lockWaitMs);
    if (!readiness.ok) return failed(repo, readiness.fault, o.log);
    const ready = readiness.ready;
    const gitlinks = changes.filter((c) => c.gitlink).map((c) => c.path);
    if (o.dryRun)
      return {
        status: 'planned',
        dir: repo.dir,
        branch: ready.branch,
        paths: changePaths(changes),
        gitlinks: o.gitlinks,
      };
    const redactions = guard(repo, changes, o);
    return await stageAndCommit(repo, ready, changes, gitlinks, redactions, o);
  } catch (err) {
    return failed(repo, faultOf(repo, 'status', err), o.log);
  }
}

function guard(repo: PlannedRepo, changes: Change[], o: RepoRunOptions): number {
  const files = changes.filter((c) => !c.gitlink).map((c) => path.join(repo.dir, ...c.path.split('/')));
  let count = 0;
  for (const g of guardMemoryFiles(o.memoryDir, files)) {
    count += g.redactions;
    o.log.warn(
      GIT_STEP,
      `redacted ${g.redactions} secret(s) in ${g.file} before committing it; the original stays on this machine only, at ${g.keptAt}`,
    );
  }
  return count;
}

async function stageAndCommit(
  repo: PlannedRepo,
  ready: ReadyRepo,
  changes: Change[],
  gitlinks: string[],
  redactions: number,
  o: RepoRunOptions,
): Promise<RepoOutcome> {
  const paths = changePaths(changes);
  // Already fully staged (a staged removal is in neither the index nor the tree: `git add` would reject its path).
  const toStage = changePaths(changes.filter((c) => !c.stagedBefore));
  let action = 'add';
  try {
    if (toStage.length)
      await withPathspecFile(toStage, (spec) =>
        runGit(repo.dir, ['--literal-pathspecs', 'add', '-A', ...spec]),
      );
    o.log.info(GIT_STEP, `staged ${paths.length} path(s) in ${repo.dir}`);
    const unstaged = await leftOver(repo.dir, paths, 'unstaged');
    if (unstaged.length)
      return await backOut(repo, ready, changes, fault.notStaged(repo.dir, unstaged), o.log);
    action = 'commit';
    await commit(repo, paths, o.message, gitlinks);
  } catch (err) {
    return backOut(repo, ready, changes, await commitFault(repo, action, err), o.log);
  }
  const hash = (await runGit(repo.dir, ['rev-parse', 'HEAD'], { readOnly: true })).trim();
  o.log.info(
    GIT_STEP,
    `committed ${hash.slice(0, 12)} on ${ready.branch} in ${repo.dir}: ${paths.length} path(s)`,
    { gitlinks: gitlinks.join(' ') || undefined },
  );
  const behind = await leftOver(repo.dir, paths, 'uncommitted');
  if (behind.length) return failed(repo, fault.leftBehind(repo.dir, hash, behind), o.log);
  return { status: 'committed', dir: repo.dir, branch: ready.branch, hash, paths, gitlinks, redactions };
}

async function commit(
  repo: PlannedRepo,
  paths: string[],
  message: CommitMessage,
  gitlinks: string[],
): Promise<void> {
  // Never an identity git made up; hooks always run.
  const base = [
    '--literal-pathspecs',
    '-c',
    'user.useConfigOnly=true',
    'commit',
    '--quiet',
    ...messageArgs(message, gitlinks),
  ];
  if (repo.selection.mode === 'all') await runGit(repo.dir, base, { timeoutMs: COMMIT_TIMEOUT_MS });
  // With paths, git commits only those (`--only`): whatever else the user had staged stays staged, uncommitted.
  else
    await withPathspecFile(paths, (spec) =>
      runGit(repo.dir, [...base, ...spec], { timeoutMs: COMMIT_TIMEOUT_MS }),
    );
}

/** The paths that `git status` still shows as not staged (before the commit) or not committed (after). */
async function leftOver(dir: string, paths: string[], what: 'unstaged' | 'uncommitted'): Promise<string[]> {
  const { entries } = await readStatus(dir, {
    pathspecs: paths,
    untracked: 'all',
    ignoreDirtySubmodules: true,
  });
  return entries
    .filter(
      (e) =>
        e.kind === 'untracked' ||
        e.kind === 'unmerged' ||
        (e.kind === 'changed' && (what === 'uncommitted' || e.y !== '.')),
    )
    .map((e) => e.path);
}

/** Unstage what we staged, so a stopped repository is left as it was found. */
async function backOut(
  repo: PlannedRepo,
  ready: ReadyRepo,
  changes: Change[],
  f: GitFault,
  log: GitLog,
): Promise<RepoOutcome> {
  const ours = changePaths(changes.filter((c) => !c.stagedBefore));
  if (ours.length && fs.existsSync(repo.dir)) {
    const args = ready.oid ? ['reset', '--quiet'] : ['rm', '--cached', '-r', '--quiet', '--ignore-unmatch'];
    try {
      await withPathspecFile(ours, (spec) => runGit(repo.dir, ['--literal-pathspecs', ...args, ...spec]));
      log.info(GIT_STEP, `unstaged ${ours.length} path(s) again in ${repo.dir}`);
    } catch (err) {
      log.warn(
        GIT_STEP,
        `could not unstage the memory paths again in ${repo.dir}: ${(err as Error).message}`,
      );
    }
  }
  return failed(repo, f, log);
}

function failed(repo: PlannedRepo, f: GitFault, log: GitLog): RepoOutcome {
  log.error(GIT_STEP, describeFault(f), { repo: repo.dir, fault: f.kind });
  return { status: 'failed', dir: repo.dir, fault: f };
}
