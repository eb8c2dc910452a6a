/** Every repository under the projects root, with its status; committing the checkpoint. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { CommitResult, IpcError, RepoStatus, ResponseOf } from '../../bridge/types';
import { idle, reload, type Resource } from '../../ui/resource';

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
  await loadRepoList();
}

/** The repositories alone: the one list every view that shows their git state reads. */
export async function loadRepoList(): Promise<void> {
  await reload({ get: () => useRepos.getState().list, put: (list) => useRepos.setState({ list }) }, () =>
    call('repos:list'),
  );
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
  await reload(
    { get: () => useRepos.getState().preview, put: (preview) => useRepos.setState({ preview }) },
    () => call('repos:commitPreview'),
  );
}

export function setCommitOptions(patch: Partial<Pick<ReposState, 'message' | 'push'>>): void {
  useRepos.setState(patch);
}
