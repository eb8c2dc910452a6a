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
import { IpcFailure } from '../ipc/errors';

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
