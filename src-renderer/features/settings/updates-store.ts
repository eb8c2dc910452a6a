/** The Updates card: the main process's update service (update:* channels), followed live. */
import { create } from 'zustand';
import { call, getApi } from '../../bridge';
import type { IpcError, ResponseOf, Settings } from '../../bridge/types';
import { bytes } from '../../ui/format';
import { useSettings } from './store';

export type UpdateStatus = ResponseOf<'update:status'>;
export type UpdateChannel = Settings['updateChannel'];

interface UpdatesState {
  status: UpdateStatus | null;
  loadError: IpcError | null;
  checking: boolean;
  installing: boolean;
  /** What the last "Check now" found, said in a sentence. */
  checkResult: string | null;
  /** A failed call (not a failed update check: that is a state). */
  actionError: string | null;
  channelSaving: boolean;
  channelError: string | null;
}

export const useUpdates = create<UpdatesState>()(() => ({
  status: null,
  loadError: null,
  checking: false,
  installing: false,
  checkResult: null,
  actionError: null,
  channelSaving: false,
  channelError: null,
}));

const set = useUpdates.setState;

/** One sentence for the state, as Settings shows it. */
export function updateSentence(s: UpdateStatus): string {
  switch (s.state) {
    case 'idle':
      return s.lastCheck
        ? `CODITECT ${s.currentVersion} is up to date.`
        : 'No check yet: CODITECT checks shortly after it starts, then every 6 hours.';
    case 'checking':
      return 'Checking for updates…';
    case 'available':
      return `Version ${s.version ?? ''} is available; downloading it…`;
    case 'downloading': {
      const p = s.progress;
      return p
        ? `Downloading version ${s.version ?? ''}: ${Math.round(p.percent)}% of ${bytes(p.total)}.`
        : `Downloading version ${s.version ?? ''}…`;
    }
    case 'ready':
      return `Version ${s.version ?? ''} is ready. Restart CODITECT to update.`;
    case 'error':
      return `The last update check failed (${s.error ?? 'unknown error'}). CODITECT keeps working and tries again later.`;
    case 'disabled':
      return s.reason?.message ?? 'Updates are turned off for this copy.';
  }
}

export async function loadUpdates(): Promise<void> {
  const r = await call('update:status');
  if (!r.ok) set({ loadError: r.error });
  else set({ status: r.value, loadError: null });
}

/** Follows `update:state` while the card is shown; returns the unsubscribe function. */
export function followUpdates(): () => void {
  return getApi().on('update:state', (status) => set({ status, loadError: null }));
}

export async function checkNow(): Promise<void> {
  if (useUpdates.getState().checking) return;
  set({ checking: true, actionError: null, checkResult: null });
  const r = await call('update:check');
  if (!r.ok) set({ checking: false, actionError: r.error.message || r.error.code });
  else set({ checking: false, status: r.value, checkResult: checkSentence(r.value) });
}

/** What "Check now" found: for a disabled updater, that there was nothing to check, and why. */
function checkSentence(s: UpdateStatus): string {
  if (s.state === 'disabled') return `Nothing to check here. ${updateSentence(s)}`;
  return `Checked. ${updateSentence(s)}`;
}

export async function installUpdate(): Promise<void> {
  set({ installing: true, actionError: null });
  const r = await call('update:install');
  if (!r.ok) set({ installing: false, actionError: r.error.message || r.error.code });
  else if (!r.value.installing)
    set({ installing: false, status: r.value.status, actionError: 'No update is ready to install.' });
  else set({ status: r.value.status });
}

/** The channel is a setting: saved at once through settings:update, like the theme. */
export async function setUpdateChannel(updateChannel: UpdateChannel): Promise<void> {
  set({ channelSaving: true, channelError: null });
  const r = await call('settings:update', { updateChannel });
  if (!r.ok) {
    set({ channelSaving: false, channelError: r.error.message || r.error.code });
    return;
  }
  set((s) => ({
    channelSaving: false,
    status: s.status ? { ...s.status, channel: r.value.updateChannel } : s.status,
  }));
  useSettings.setState((s) => ({
    saved: s.saved ? { ...s.saved, updateChannel: r.value.updateChannel } : r.value,
  }));
}
