/** Every repository under the projects root, with its status; committing the checkpoint. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { CommitResult, IpcError, RepoStatus, ResponseOf } from '../../bridge/types';
import { fromResult, idle, loading, type Resource } from '../../ui/resource';

export type CommitPreview = ResponseOf<'repos:commitPreview'>;

interface ReposState {
  list: Resource<RepoStatus[]>;
  /** What a commit would record now, per repository. */
  preview: Resource<CommitPreview>;
  committing: boolean;
  commit: { ok: true; value: CommitResult } | { ok: false; error: IpcError } | null;
  message: string;
  push: boolean;
}

export const useRepos = create<ReposState>()(() => ({
  list: idle,
  preview: idle,
  committing: false,
  commit: null,
  message: '',
  push: false,
}));

/** The repositories and, beside them, what a commit would record: both read fresh together. */
export async function loadRepos(): Promise<void> {
  void loadCommitPreview();
  useRepos.setState((s) => ({ list: loading(s.list) }));
  const r = await call('repos:list');
  useRepos.setState((s) => ({
    list: fromResult(r, s.list.status === 'loading' ? s.list.previous : undefined),
  }));
}

export async function commitCheckpoint(): Promise<void> {
  const { message, push, committing } = useRepos.getState();
  if (committing) return;
  useRepos.setState({ committing: true, commit: null });
  const req: { message?: string; push?: boolean } = { push };
  if (message.trim()) req.message = message.trim();
  const r = await call('repos:commit', req);
  useRepos.setState({ committing: false, commit: r });
  void loadRepos();
}

async function loadCommitPreview(): Promise<void> {
  useRepos.setState((s) => ({ preview: loading(s.preview) }));
  const r = await call('repos:commitPreview');
  useRepos.setState({ preview: fromResult(r) });
}

export function setCommitOptions(patch: Partial<Pick<ReposState, 'message' | 'push'>>): void {
  useRepos.setState(patch);
}
