import path from 'node:path';
import type { GitStep, GitStepInput, GitStepReport } from '../pipeline/git-seam';
import { checkpointMessage } from './commit-message';
import { describeFault } from './faults';
import { GIT_STEP, type GitLog } from './git-log';
import { readPendingPaths, settlePendingPaths } from './pending-paths';
import { planForPaths } from './plan-builders';
import { failuresOf, runCommitPlan, type CommitReport } from './run-commit';

export interface GitStepOptions {
  push: boolean;
  logger: GitLog;
  /** How long to wait for another git's index.lock per repository (default a few seconds). */
  lockWaitMs?: number;
}

/**
 * Step 6 of export-dedup: commit exactly the memory artifacts the run touched, in every
 * repository that records them and up the chain of superprojects; push if asked.
 * It never throws for a git problem: faults come back in the report, one per repository.
 */
export function createGitStep(opts: GitStepOptions): GitStep {
  return async (input: GitStepInput): Promise<GitStepReport> => {
    const paths = [
      ...input.touchedPaths,
      ...readPendingPaths(input.memoryDir),
      path.join(input.memoryDir, '.gitignore'),
    ];
    const plan = await planForPaths(input.projectsRoot, input.memoryDir, paths);
    const report = await runCommitPlan(plan, {
      message: checkpointMessage(input.title, input.statsTrailer),
      push: opts.push,
      lockWaitMs: opts.lockWaitMs,
      log: opts.logger,
    });
    try {
      settlePendingPaths(input.memoryDir, paths, report.ok);
    } catch (err) {
      opts.logger.warn(GIT_STEP, `could not record the paths still to commit: ${(err as Error).message}`);
    }
    return toStepReport(report);
  };
}

export function toStepReport(report: CommitReport): GitStepReport {
  return {
    ok: report.ok,
    summary: report.summary,
    failures: failuresOf(report.repos).map((f) => ({ repository: f.repo, reason: describeFault(f) })),
  };
}
