import path from 'node:path';
import type { CommitMessage } from './commit-message';
import type { CommitPlan } from './commit-plan';
import { messageFromCheckpointDocs } from './pending-title';
import type { CommitReport } from './run-commit';

/**
 * What `coditect commit` and the app's "commit checkpoint" share: the default message (named
 * after the newest checkpoint about to be committed, as the run would have named it) and the
 * paths a plan settles once committed.
 */
export function defaultCommitMessage(preview: CommitReport): CommitMessage {
  const files = preview.repos.flatMap((r) =>
    r.status === 'planned' ? r.paths.map((p) => path.join(r.dir, p)) : [],
  );
  return messageFromCheckpointDocs(files);
}

export function plannedPaths(plan: CommitPlan): string[] {
  return plan.repos.flatMap((r) => (r.selection.mode === 'paths' ? r.selection.paths : []));
}
