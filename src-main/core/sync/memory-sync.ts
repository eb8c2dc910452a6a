import fs from 'node:fs';
import path from 'node:path';
import { describeFault } from '../git/faults';
import type { GitLog } from '../git/git-log';
import { memoryOutsideGitNotice } from '../git/memory-outside-git';
import { operationInProgress } from '../git/operation';
import { owningRepo, type OwnedBy } from '../git/owning-repo';
import { LEGACY_CHECKPOINTS_DIR, MEMORY_ARTIFACTS } from '../git/plan-builders';
import { pushBranch, pushTarget } from '../git/push';
import { readStatus } from '../git/repo-status';
import { failuresOf } from '../git/run-commit';
import { commitPendingMemory } from '../git/commit-pending';
import { acquirePipelineLock } from '../pipeline/pipeline-lock';
import { ensureGitignoreEntries } from '../workspace/gitignore';
import { memoryLayout, type MemoryLayout } from '../workspace/memory-layout';
import { ingestArrived as ingestIntoIndex, type IngestCounts } from './ingest-arrived';
import {
  abortRebase,
  countCommits,
  fetchRemote,
  headOid,
  rebaseOnto,
  refExists,
  trackingRef,
} from './sync-git';
import { syncProblem, describeProblem, type SyncProblem } from './sync-problems';
import { clearMarker, readMarker, writeLastSync, writeMarker } from './sync-record';

export interface SyncOptions {
  root: string;
  memoryDir: string;
  /** Push after integrating (never forced). */
  push: boolean;
  log: GitLog;
  lockWaitMs?: number;
  now?: () => Date;
}

export interface SyncReport {
  ok: boolean;
  /** The memory repository; null when the memory is in none. */
  repo: string | null;
  branch: string | null;
  upstream: string | null;
  /** The commit of memory that was pending, when there was some. */
  committed: string | null;
  /** Commits that came from the remote. */
  arrived: number;
  ingested: IngestCounts | null;
  pushed: boolean;
  /** After the sync: commits here the remote lacks, and the other way round. */
  ahead: number;
  behind: number;
  problem: SyncProblem | null;
  summary: string;
  at: string;
}

type Progress = Omit<SyncReport, 'ok' | 'problem' | 'summary' | 'at'>;

const SYNC_STEP = 'sync';

/**
 * `coditect sync` and the app's Sync: commit the pending memory, fetch, rebase this machine's
 * unpushed commits on what arrived, bring that into the local index, push. It holds the
 * pipeline's lock, so no import writes meanwhile. It stops at the first problem with the
 * work before it kept (a commit stays, a failed rebase is undone) and the next sync resumes.
 */
export async function syncMemory(o: SyncOptions): Promise<SyncReport> {
  const layout = memoryLayout(o.memoryDir);
  const repo = owningRepo(layout.root, o.root);
  const progress = emptyProgress(repo?.dir ?? null);
  if (!repo)
    return finish(o, layout, progress, syncProblem.notInGit(memoryOutsideGitNotice(layout.root, o.root)!));
  fs.mkdirSync(layout.localDir, { recursive: true });
  // The sync's own traces (lock, last sync) live in .local/: never committed, never "dirty".
  ensureGitignoreEntries(layout.gitignoreFile, ['.local/']);
  const release = await acquirePipelineLock(layout.lockTarget, layout.lockOwnerFile, layout.root, {
    waitMs: o.lockWaitMs ?? 10_000,
    command: 'coditect sync',
  });
  try {
    o.log.info(SYNC_STEP, `sync started in ${repo.dir}`);
    const problem = await syncLocked(o, layout, repo, progress);
    return finish(o, layout, progress, problem);
  } finally {
    await release();
  }
}

async function syncLocked(
  o: SyncOptions,
  layout: MemoryLayout,
  repo: OwnedBy,
  p: Progress,
): Promise<SyncProblem | null> {
  await recoverInterrupted(repo, layout, o.log);
  const checked = await checkRepo(repo, layout);
  if ('problem' in checked) return checked.problem;
  p.branch = checked.branch;
  const target = await pushTarget(repo.dir, checked.branch);
  if ('problem' in target) return syncProblem.noRemote(repo.dir, target.problem);
  const tracking = trackingRef(target.remote, target.ref);
  p.upstream = `${target.remote}/${target.ref.replace(/^refs\/heads\//, '')}`;
  const committed = await commitPending(o, layout);
  if ('problem' in committed) return committed.problem;
  p.committed = committed.hash;
  if (!(await headOid(repo.dir))) return syncProblem.unborn(repo.dir);
  const fetched = await fetchRemote(repo.dir, target.remote);
  if (!fetched.ok) return syncProblem.unreachable(repo.dir, target.remote, fetched.output);
  const remoteHas = await refExists(repo.dir, tracking);
  const integrated = remoteHas ? await integrate(repo, layout, tracking, p) : null;
  if (integrated) return integrated;
  // A fresh clone has the files but no index yet: it takes in everything once.
  if (p.arrived || !fs.existsSync(layout.storeFile)) {
    const ingested = await ingestArrived(layout);
    if ('problem' in ingested) return ingested.problem;
    p.ingested = ingested.counts;
  }
  p.ahead = await countCommits(repo.dir, remoteHas ? tracking : null, 'HEAD');
  if (o.push && p.ahead) {
    const pushed = await pushBranch(repo.dir, checked.branch);
    if (pushed.status === 'failed') return syncProblem.pushFailed(repo.dir, pushed.fault);
    p.pushed = true;
    p.ahead = 0;
  }
  return null;
}

/**
 * A rebase a killed sync left half-way is undone (the sync starts over). Only our own: the
 * marker names the commit the sync started from, and git's rebase state must start there too,
 * so a rebase the user began later is never touched.
 */
async function recoverInterrupted(repo: OwnedBy, layout: MemoryLayout, log: GitLog): Promise<void> {
  const marker = readMarker(layout);
  if (!marker) return;
  if (operationInProgress(repo.gitDir) === 'rebase' && rebaseStartedAt(repo.gitDir) === marker.before) {
    log.warn(
      SYNC_STEP,
      `an interrupted sync left a rebase in ${repo.dir}; undoing it (the branch goes back to ${marker.before.slice(0, 12)})`,
    );
    await abortRebase(repo.dir);
  }
  clearMarker(layout);
}

function rebaseStartedAt(gitDir: string): string | null {
  for (const dir of ['rebase-merge', 'rebase-apply']) {
    try {
      return fs.readFileSync(path.join(gitDir, dir, 'orig-head'), 'utf8').trim();
    } catch {
      // not this backend
    }
  }
  return null;
}

async function checkRepo(
  repo: OwnedBy,
  layout: MemoryLayout,
): Promise<{ branch: string } | { problem: SyncProblem }> {
  const op = operationInProgress(repo.gitDir);
  if (op) return { problem: syncProblem.operation(repo.dir, op) };
  const { head, entries } = await readStatus(repo.dir, { untracked: 'no' });
  if (head.type === 'detached') return { problem: syncProblem.detached(repo.dir) };
  const memoryRel = path.relative(repo.dir, layout.root).split(path.sep).join('/');
  const ours = [
    ...MEMORY_ARTIFACTS.map((a) => (memoryRel ? `${memoryRel}/${a}` : a)),
    LEGACY_CHECKPOINTS_DIR,
  ];
  const foreign = entries
    .filter((e) => e.kind === 'changed' || e.kind === 'unmerged')
    .map((e) => e.path)
    .filter((p) => !ours.some((a) => p === a || p.startsWith(`${a}/`)));
  if (foreign.length) return { problem: syncProblem.dirty(repo.dir, foreign) };
  return { branch: head.name };
}

async function commitPending(
  o: SyncOptions,
  layout: MemoryLayout,
): Promise<{ hash: string | null } | { problem: SyncProblem }> {
  const { report } = await commitPendingMemory({
    root: o.root,
    memoryDir: layout.root,
    message: 'memory: commit before sync',
    push: false,
    lock: 'held-by-caller',
    log: o.log,
  });
  const failure = failuresOf(report.repos)[0];
  if (failure) return { problem: syncProblem.commitFailed(describeFault(failure)) };
  const mine = report.repos.find((r) => r.status === 'committed' && layout.root.startsWith(r.dir + path.sep));
  return { hash: mine?.status === 'committed' ? mine.hash : null };
}

async function integrate(
  repo: OwnedBy,
  layout: MemoryLayout,
  tracking: string,
  p: Progress,
): Promise<SyncProblem | null> {
  const behind = await countCommits(repo.dir, 'HEAD', tracking);
  if (!behind) return null;
  const before = (await headOid(repo.dir))!;
  writeMarker(layout, { startedAt: new Date().toISOString(), before });
  const r = await rebaseOnto(repo.dir, tracking);
  clearMarker(layout);
  if (!r.ok) return syncProblem.diverged(repo.dir, p.upstream ?? tracking, r.output);
  p.arrived = behind;
  return null;
}

async function ingestArrived(
  layout: MemoryLayout,
): Promise<{ counts: IngestCounts } | { problem: SyncProblem }> {
  try {
    return { counts: ingestIntoIndex(layout) };
  } catch (err) {
    return { problem: syncProblem.ingestFailed((err as Error).message ?? String(err)) };
  }
}

function emptyProgress(repo: string | null): Progress {
  return {
    repo,
    branch: null,
    upstream: null,
    committed: null,
    arrived: 0,
    ingested: null,
    pushed: false,
    ahead: 0,
    behind: 0,
  };
}

function finish(o: SyncOptions, layout: MemoryLayout, p: Progress, problem: SyncProblem | null): SyncReport {
  const at = (o.now ?? (() => new Date()))().toISOString();
  const summary = problem ? describeProblem(problem) : summarize(p);
  o.log[problem ? 'error' : 'info'](SYNC_STEP, summary);
  const report: SyncReport = { ...p, ok: !problem, problem, summary, at };
  if (p.repo) writeLastSync(layout, { at, ok: report.ok, summary });
  return report;
}

function summarize(p: Progress): string {
  const parts = [`Synced ${p.repo} (${p.branch} with ${p.upstream})`];
  if (p.committed) parts.push(`committed the pending memory (${p.committed.slice(0, 12)})`);
  parts.push(p.arrived ? `${p.arrived} commit(s) arrived` : 'nothing new on the remote');
  if (p.ingested)
    parts.push(
      `${p.ingested.checkpointsAdded} checkpoint(s) and ${p.ingested.messagesAdded} message(s) added to the index`,
    );
  if (p.pushed) parts.push('pushed');
  else if (p.ahead) parts.push(`${p.ahead} commit(s) not pushed yet (sync with --push)`);
  return parts.join('; ') + '.';
}
