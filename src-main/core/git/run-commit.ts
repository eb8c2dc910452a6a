import fs from 'node:fs';
import path from 'node:path';
import type { CommitMessage } from './commit-message';
import type { CommitPlan, PlannedRepo, SkippedPath } from './commit-plan';
import { commitRepo, type RepoOutcome } from './commit-repo';
import { describeFault, fault, type GitFault } from './faults';
import { GIT_STEP, type GitLog } from './git-log';
import { pushBranch, pushTarget, type PushOutcome } from './push';
import { readStatus } from './repo-status';

export interface CommitRunOptions {
  message: CommitMessage;
  push: boolean;
  /** Check and list everything, change nothing. */
  dryRun?: boolean;
  /** How long to wait for another git process's index.lock before giving up on that repository. */
  lockWaitMs?: number;
  log: GitLog;
}

export type RepoReport = RepoOutcome & { push: PushOutcome };

export interface CommitReport {
  ok: boolean;
  dryRun: boolean;
  root: string;
  repos: RepoReport[];
  skipped: SkippedPath[];
  summary: string;
}

/**
 * Carries out a plan: submodules first, then each parent (recording the gitlinks of the
 * submodules that committed), up to the top; then, with `push`, the pushes in the same
 * order. A fault stops only its own repository.
 */
export async function runCommitPlan(plan: CommitPlan, o: CommitRunOptions): Promise<CommitReport> {
  const dryRun = Boolean(o.dryRun);
  o.log.info(
    GIT_STEP,
    `${dryRun ? 'dry run: ' : ''}commit in ${plan.repos.length} repositor${plan.repos.length === 1 ? 'y' : 'ies'} under ${plan.root}`,
  );
  for (const s of plan.skipped) o.log.info(GIT_STEP, `not committed: ${s.path}: ${s.reason}`);
  const outcomes = new Map<string, RepoOutcome>();
  for (const repo of plan.repos) {
    outcomes.set(
      repo.dir,
      await commitRepo(repo, {
        ...o,
        dryRun,
        memoryDir: plan.memoryDir,
        gitlinks: movableGitlinks(repo, outcomes, dryRun),
      }),
    );
  }
  const pushes = new Map<string, PushOutcome>();
  for (const repo of plan.repos)
    pushes.set(
      repo.dir,
      await pushStep(repo, outcomes, pushes, o, dryRun).catch((err) => pushError(repo, err, o.log)),
    );
  const repos = plan.repos.map((r) => ({ ...outcomes.get(r.dir)!, push: pushes.get(r.dir)! }));
  const ok = repos.every(
    (r) => r.status !== 'failed' && r.push.status !== 'failed' && r.push.status !== 'held-back',
  );
  const report: CommitReport = {
    ok,
    dryRun,
    root: plan.root,
    repos,
    skipped: plan.skipped,
    summary: summarize(plan.root, repos, dryRun),
  };
  o.log[ok ? 'info' : 'error'](GIT_STEP, report.summary);
  return report;
}

/** The submodules whose new commits this repository may record: those whose own commit did not fail. */
function movableGitlinks(repo: PlannedRepo, outcomes: Map<string, RepoOutcome>, dryRun: boolean): string[] {
  return repo.children
    .filter((c) => {
      const oc = outcomes.get(c.dir);
      if (!oc || oc.status === 'failed') return false;
      return !dryRun || oc.status !== 'planned' || oc.paths.length > 0 || oc.gitlinks.length > 0;
    })
    .map((c) => c.path);
}

async function pushStep(
  repo: PlannedRepo,
  outcomes: Map<string, RepoOutcome>,
  done: Map<string, PushOutcome>,
  o: CommitRunOptions,
  dryRun: boolean,
): Promise<PushOutcome> {
  const outcome = outcomes.get(repo.dir)!;
  if (!o.push) return { status: 'not-requested' };
  if (outcome.status === 'failed') return { status: 'held-back', reason: 'its commit did not go through' };
  // A submodule whose commit failed moved no gitlink here, so it holds nothing back.
  const stuck = repo.children.find(
    (c) =>
      outcomes.get(c.dir)?.status !== 'failed' &&
      ['failed', 'held-back'].includes(done.get(c.dir)?.status ?? ''),
  );
  if (stuck) return held(repo, `submodule ${stuck.path} is not pushed`, o.log);
  if (outcome.branch === null) return { status: 'nothing-to-push' };
  const wouldCommit =
    outcome.status === 'committed' ||
    (outcome.status === 'planned' && (outcome.paths.length > 0 || outcome.gitlinks.length > 0));
  if (!wouldCommit && !(await hasUnpushedCommits(repo.dir))) return { status: 'nothing-to-push' };
  if (dryRun) {
    const t = await pushTarget(repo.dir, outcome.branch);
    return 'problem' in t
      ? { status: 'would-push', target: `nowhere: ${t.problem}` }
      : { status: 'would-push', target: `${t.remote} ${t.ref}` };
  }
  const result = await pushBranch(repo.dir, outcome.branch);
  if (result.status === 'pushed')
    o.log.info(
      GIT_STEP,
      `pushed ${outcome.branch} of ${repo.dir} to ${result.target}${result.setUpstream ? ' (upstream set)' : ''}`,
    );
  else if (result.status === 'failed')
    o.log.error(GIT_STEP, describeFault(result.fault), { repo: repo.dir, fault: result.fault.kind });
  return result;
}

function pushError(repo: PlannedRepo, err: unknown, log: GitLog): PushOutcome {
  const f = fs.existsSync(repo.dir)
    ? fault.pushFailed(repo.dir, 'its remote', (err as Error).message ?? String(err))
    : fault.missingRepo(repo.dir);
  log.error(GIT_STEP, describeFault(f), { repo: repo.dir, fault: f.kind });
  return { status: 'failed', fault: f };
}

function held(repo: PlannedRepo, reason: string, log: GitLog): PushOutcome {
  log.warn(
    GIT_STEP,
    `not pushing ${repo.dir}: ${reason} (its commits would point at one the remote cannot have)`,
  );
  return { status: 'held-back', reason };
}

/** Ahead of its upstream, or no upstream at all: a push is owed (from this run or an earlier one that failed). */
async function hasUnpushedCommits(dir: string): Promise<boolean> {
  const { head } = await readStatus(dir, { untracked: 'no' });
  if (head.type !== 'branch' || !head.oid) return false;
  return !head.upstream || (head.upstream.aheadBehind?.ahead ?? 1) > 0;
}

function summarize(root: string, repos: RepoReport[], dryRun: boolean): string {
  const name = (dir: string) => path.relative(root, dir) || path.basename(dir);
  const by = (s: RepoOutcome['status']) => repos.filter((r) => r.status === s);
  const parts: string[] = [];
  const committed = by('committed').map((r) =>
    r.status === 'committed' ? `${name(r.dir)} ${r.hash.slice(0, 7)}` : '',
  );
  if (dryRun)
    parts.push(
      `would commit in ${by('planned').filter((r) => r.status === 'planned' && (r.paths.length || r.gitlinks.length)).length}`,
    );
  if (committed.length) parts.push(`committed in ${committed.join(', ')}`);
  if (!dryRun && by('unchanged').length) parts.push(`${by('unchanged').length} with nothing to commit`);
  const redactions = repos.reduce((n, r) => n + (r.status === 'committed' ? r.redactions : 0), 0);
  if (redactions) parts.push(`${redactions} secret(s) redacted before committing`);
  const pushed = repos.filter((r) => r.push.status === 'pushed').length;
  if (pushed) parts.push(`${pushed} pushed`);
  const failures = failuresOf(repos);
  if (failures.length)
    parts.push(`${failures.length} failed: ${failures.map((f) => `${name(f.repo)} (${f.kind})`).join(', ')}`);
  return parts.join('; ') || 'nothing to commit';
}

/** Commit and push faults, in plan order. */
export function failuresOf(repos: readonly RepoReport[]): GitFault[] {
  return repos.flatMap((r) => [
    ...(r.status === 'failed' ? [r.fault] : []),
    ...(r.push.status === 'failed' ? [r.push.fault] : []),
  ]);
}
