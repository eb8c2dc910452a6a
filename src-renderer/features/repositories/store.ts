/** Every repository under the projects root, with its status; committing the checkpoint. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { CommitResult, IpcError, RepoStatus } from '../../bridge/types';
import { fromResult, idle, loading, type Resource } from '../../ui/resource';

interface ReposState {
  list: Resource<RepoStatus[]>;
  committing: boolean;
  commit: { ok: true; value: CommitResult } | { ok: false; error: IpcError } | null;
  message: string;
  push: boolean;
}

export const useRepos = create<ReposState>()(() => ({
  list: idle,
  committing: false,
  commit: null,
  message: '',
  push: false,
}));

export async function loadRepos(): Promise<void> {
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

export function setCommitOptions(patch: Partial<Pick<ReposState, 'message' | 'push'>>): void {
  useRepos.setState(patch);
}
