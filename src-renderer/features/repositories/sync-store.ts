/** The memory repository's sync: its state (status bar, Repositories view), and the Sync action. */
import { create } from 'zustand';
import { call, getApi } from '../../bridge';
import type { IpcError, SyncReport, SyncStatus } from '../../bridge/types';

interface SyncState {
  status: SyncStatus | null;
  syncing: boolean;
  /** The last sync this window saw (its own click, or an automatic one), or why it could not start. */
  last: { ok: true; value: SyncReport } | { ok: false; error: IpcError } | null;
}

export const useSync = create<SyncState>()(() => ({ status: null, syncing: false, last: null }));

export async function loadSyncStatus(): Promise<void> {
  const r = await call('sync:status');
  if (r.ok) useSync.setState({ status: r.value });
}

export async function syncNow(): Promise<void> {
  if (useSync.getState().syncing) return;
  useSync.setState({ syncing: true });
  const r = await call('sync:run', { push: true });
  useSync.setState({ syncing: false, last: r });
  void loadSyncStatus();
}

/** Follows every sync the app makes (automatic ones too); returns the unsubscribe. */
export function followSync(): () => void {
  const api = getApi();
  const stops = [
    api.on('sync:done', ({ report, status }) =>
      useSync.setState({ status, last: { ok: true, value: report } }),
    ),
    // A run commits: one more commit to push.
    api.on('pipeline:done', () => void loadSyncStatus()),
  ];
  return () => stops.forEach((stop) => stop());
}
