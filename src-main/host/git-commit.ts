import { toStepReport } from '../core/git/checkpoint-commit';
import { commitPendingMemory, previewPendingMemory, type CommitPreview } from '../core/git/commit-pending';
import type { GitLog } from '../core/git/git-log';
import type { GitStepReport } from '../core/pipeline/git-seam';
import { LockBusyError } from '../core/pipeline/pipeline-lock';
import { IpcFailure } from '../ipc/errors';

export interface CommitRequest {
  root: string;
  memoryDir: string;
  message?: string;
  push?: boolean;
  log: GitLog;
}

/**
 * The Repositories view's "commit checkpoint": core/git's commit of the pending memory, without
 * waiting for a run that holds the lock (the view says "busy" instead).
 */
export async function commitPendingArtifacts(input: CommitRequest): Promise<GitStepReport> {
  try {
    const result = await commitPendingMemory({
      root: input.root,
      memoryDir: input.memoryDir,
      message: input.message,
      push: Boolean(input.push),
      lock: { waitMs: 0, command: 'coditect app: commit' },
      log: input.log,
    });
    return toStepReport(result.report);
  } catch (err) {
    if (err instanceof LockBusyError) throw new IpcFailure('busy', err.message);
    throw err;
  }
}

/** What the Repositories view's "Commit checkpoint" would record, before the user commits. */
export function previewPendingArtifacts(input: { root: string; memoryDir: string }): Promise<CommitPreview> {
  return previewPendingMemory(input);
}
