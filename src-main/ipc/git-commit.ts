import fs from 'node:fs';
import { toStepReport } from '../core/git/checkpoint-commit';
import type { CommitMessage } from '../core/git/commit-message';
import { silentLog, type GitLog } from '../core/git/git-log';
import { readPendingPaths, settlePendingPaths } from '../core/git/pending-paths';
import { defaultCommitMessage, plannedPaths } from '../core/git/commit-pending';
import { planPendingArtifacts } from '../core/git/plan-builders';
import { runCommitPlan } from '../core/git/run-commit';
import type { GitStepReport } from '../core/pipeline/git-seam';
import { acquirePipelineLock, LockBusyError } from '../core/pipeline/pipeline-lock';
import { memoryLayout } from '../core/workspace/memory-layout';
import { IpcFailure } from './errors';

export interface CommitInput {
  root: string;
  memoryDir: string;
  message?: string;
  push?: boolean;
  log: GitLog;
}

/**
 * The Repositories view's "commit checkpoint": what `coditect commit` does — the pending
 * memory artifacts in the memory repository and up its superprojects — under the pipeline
 * lock, so it never picks up files a run (the app's or the CLI's) is still writing.
 */
export async function commitPendingArtifacts(input: CommitInput): Promise<GitStepReport> {
  const layout = memoryLayout(input.memoryDir);
  fs.mkdirSync(layout.localDir, { recursive: true });
  const release = await lockOrBusy(layout);
  try {
    const plan = await planPendingArtifacts(input.root, layout.root, readPendingPaths(layout.root));
    const push = Boolean(input.push);
    const message = input.message?.trim()
      ? { subject: input.message.trim(), trailers: [] }
      : defaultCommitMessage(
          await runCommitPlan(plan, { message: EMPTY, push, dryRun: true, lockWaitMs: 0, log: silentLog }),
        );
    const report = await runCommitPlan(plan, { message, push, log: input.log });
    settlePendingPaths(layout.root, plannedPaths(plan), report.ok);
    return toStepReport(report);
  } finally {
    await release();
  }
}

const EMPTY: CommitMessage = { subject: '', trailers: [] };

export interface CommitPreview {
  /** Each repository that would get a commit, with the files (and submodule links) it would record. */
  repos: { repository: string; files: string[] }[];
}

/**
 * What "Commit checkpoint" would record, per repository, like GitHub Desktop's changes list:
 * the same plan as the commit, run dry. It changes nothing, so it takes no lock; a run writing
 * meanwhile only makes the list a moment old.
 */
export async function previewPendingArtifacts(input: {
  root: string;
  memoryDir: string;
}): Promise<CommitPreview> {
  const layout = memoryLayout(input.memoryDir);
  if (!fs.existsSync(layout.root)) return { repos: [] };
  const plan = await planPendingArtifacts(input.root, layout.root, readPendingPaths(layout.root));
  const report = await runCommitPlan(plan, {
    message: EMPTY,
    push: false,
    dryRun: true,
    lockWaitMs: 0,
    log: silentLog,
  });
  return {
    repos: report.repos.flatMap((r) =>
      r.status === 'planned' && r.paths.length + r.gitlinks.length
        ? [{ repository: r.dir, files: [...r.paths, ...r.gitlinks] }]
        : [],
    ),
  };
}

async function lockOrBusy(layout: ReturnType<typeof memoryLayout>): Promise<() => Promise<void>> {
  try {
    return await acquirePipelineLock(layout.lockTarget, layout.lockOwnerFile, layout.root, {
      waitMs: 0,
      command: 'coditect app: commit',
    });
  } catch (err) {
    if (err instanceof LockBusyError) throw new IpcFailure('busy', err.message);
    throw err;
  }
}
