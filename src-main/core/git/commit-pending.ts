import fs from 'node:fs';
import path from 'node:path';
import { acquirePipelineLock } from '../pipeline/pipeline-lock';
import { memoryLayout } from '../workspace/memory-layout';
import type { CommitMessage } from './commit-message';
import type { CommitPlan } from './commit-plan';
import { silentLog, type GitLog } from './git-log';
import { readPendingPaths, settlePendingPaths } from './pending-paths';
import { messageFromCheckpointDocs } from './pending-title';
import { planAllChanges, planPendingArtifacts } from './plan-builders';
import { runCommitPlan, type CommitReport } from './run-commit';

export interface CommitPendingRequest {
  root: string;
  memoryDir: string;
  /** The commit's subject; default "checkpoint: <title of the newest checkpoint committed>". */
  message?: string;
  push: boolean;
  /** Also every other pending change in every repository under the root. */
  allChanges?: boolean;
  /** Plan only: nothing is locked, committed or settled. */
  dryRun?: boolean;
  /**
   * The memory's pipeline lock: taken here (how long to wait for a run holding it; who holds it,
   * as another process names it), or already held by the caller (a sync commits under its lock).
   */
  lock: { waitMs: number; command: string } | 'held-by-caller';
  log: GitLog;
  /** Shown the plan, with the message, before anything is committed. */
  onPlan?: (preview: CommitReport, message: CommitMessage) => void;
}

export type CommitPendingResult =
  | { status: 'planned' | 'committed'; report: CommitReport; message: CommitMessage }
  /** No memory folder yet (the first export-dedup creates it): nothing of ours to commit. */
  | { status: 'no-memory'; report: CommitReport; message: CommitMessage };

/**
 * "Commit pending memory", as `coditect commit` and the Repositories view both do it: the
 * pending memory artifacts in the memory repository and up its superprojects, planned and
 * looked at first (which names the commit), then committed under the pipeline lock so that
 * files a run is still writing are never picked up, and settled once git has them.
 */
export async function commitPendingMemory(r: CommitPendingRequest): Promise<CommitPendingResult> {
  const layout = memoryLayout(r.memoryDir);
  const memoryFound = fs.existsSync(layout.root);
  const plan = r.allChanges
    ? await planAllChanges(r.root, layout.root)
    : await planPendingArtifacts(r.root, layout.root, readPendingPaths(layout.root));
  const preview = await runCommitPlan(plan, {
    message: { subject: r.message ?? '', trailers: [] },
    push: r.push,
    dryRun: true,
    lockWaitMs: 0,
    log: silentLog,
  });
  const subject = r.message?.trim();
  const message = subject ? { subject, trailers: [] } : defaultCommitMessage(preview);
  if (r.dryRun) return { status: 'planned', report: preview, message };
  // Creating a lock here would leave a stray MEMORY-CONTEXT in someone's repository.
  if (!memoryFound && !r.allChanges) return { status: 'no-memory', report: preview, message };
  r.onPlan?.(preview, message);
  const commit = async () => {
    const report = await runCommitPlan(plan, { message, push: r.push, log: r.log });
    if (memoryFound) settlePendingPaths(layout.root, plannedPaths(plan), report.ok);
    return { status: 'committed' as const, report, message };
  };
  if (!memoryFound || r.lock === 'held-by-caller') return commit();
  fs.mkdirSync(layout.localDir, { recursive: true });
  const release = await acquirePipelineLock(layout.lockTarget, layout.lockOwnerFile, layout.root, r.lock);
  try {
    return await commit();
  } finally {
    await release();
  }
}

export interface CommitPreview {
  /** Each repository that would get a commit, with the files (and submodule links) it would record. */
  repos: { repository: string; files: string[] }[];
}

/**
 * What "commit pending memory" would record, per repository, like GitHub Desktop's changes
 * list: the same plan as the commit, run dry. It changes nothing, so it takes no lock; a run
 * writing meanwhile only makes the list a moment old.
 */
export async function previewPendingMemory(r: { root: string; memoryDir: string }): Promise<CommitPreview> {
  if (!fs.existsSync(memoryLayout(r.memoryDir).root)) return { repos: [] };
  // A dry run returns before any lock is taken.
  const result = await commitPendingMemory({
    ...r,
    push: false,
    dryRun: true,
    lock: { waitMs: 0, command: 'commit preview' },
    log: silentLog,
  });
  return {
    repos: result.report.repos.flatMap((x) =>
      x.status === 'planned' && x.paths.length + x.gitlinks.length
        ? [{ repository: x.dir, files: [...x.paths, ...x.gitlinks] }]
        : [],
    ),
  };
}

/** Named after the newest checkpoint about to be committed, as the run would have named it. */
export function defaultCommitMessage(preview: CommitReport): CommitMessage {
  const files = preview.repos.flatMap((r) =>
    r.status === 'planned' ? r.paths.map((p) => path.join(r.dir, p)) : [],
  );
  return messageFromCheckpointDocs(files);
}

function plannedPaths(plan: CommitPlan): string[] {
  return plan.repos.flatMap((r) => (r.selection.mode === 'paths' ? r.selection.paths : []));
}
