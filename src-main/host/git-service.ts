import { discoverRepos, type Repo } from '../core/git/discover-repos';
import { statusOfAll, type RepoStatusResult } from '../core/git/repo-status';
import type { ResponseOf } from '../ipc/contract';
import { commitPendingArtifacts, previewPendingArtifacts, type CommitRequest } from './git-commit';

type RepoRow = ResponseOf<'repos:list'>[number];
type CommitReply = ResponseOf<'repos:commit'>;

/** What the Repositories view needs from core/git; without `commit`, repos:commit answers `unavailable`. */
export interface GitService {
  list(root: string): Promise<RepoRow[]>;
  commit?: (input: CommitRequest) => Promise<CommitReply>;
  /** What `commit` would record; without it, repos:commitPreview answers `unavailable`. */
  preview?: (input: { root: string; memoryDir: string }) => Promise<ResponseOf<'repos:commitPreview'>>;
}

export function coreGitService(): GitService {
  return {
    async list(root) {
      const found = await discoverRepos(root);
      const statuses = await statusOfAll(found.repos);
      return statuses.map(({ repo, status }) => toRow(repo, status));
    },
    commit: commitPendingArtifacts,
    preview: previewPendingArtifacts,
  };
}

function toRow(repo: Repo, s: RepoStatusResult): RepoRow {
  const base = { path: repo.dir, kind: repo.kind };
  if (!s.ok) return { ...base, ...EMPTY, error: s.error };
  const branch = s.head.type === 'branch' ? s.head : null;
  const ab = branch?.upstream?.aheadBehind ?? null;
  return {
    ...base,
    branch: branch?.name ?? null,
    detached: s.head.type === 'detached',
    upstream: branch?.upstream?.name ?? null,
    ahead: ab?.ahead ?? 0,
    behind: ab?.behind ?? 0,
    ...s.counts,
    operation: s.operation,
    lastCommit: s.lastCommit
      ? { hash: s.lastCommit.hash, subject: s.lastCommit.subject, time: s.lastCommit.time }
      : null,
    error: null,
  };
}

const EMPTY = {
  branch: null,
  detached: false,
  upstream: null,
  ahead: 0,
  behind: 0,
  staged: 0,
  modified: 0,
  untracked: 0,
  conflicted: 0,
  operation: null,
  lastCommit: null,
};
