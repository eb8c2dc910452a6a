/** The Command line card: the `coditect` launcher on PATH (launcher:* channels). */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { IpcError, ResponseOf } from '../../bridge/types';

export type LauncherStatus = ResponseOf<'launcher:status'>;

interface LauncherState {
  status: LauncherStatus | null;
  loadError: IpcError | null;
  busy: boolean;
  result: string | null;
  actionError: string | null;
}

export const useLauncher = create<LauncherState>()(() => ({
  status: null,
  loadError: null,
  busy: false,
  result: null,
  actionError: null,
}));

const set = useLauncher.setState;

export async function loadLauncher(): Promise<void> {
  const r = await call('launcher:status');
  if (!r.ok) set({ loadError: r.error });
  else set({ status: r.value, loadError: null });
}

export async function installLauncher(): Promise<void> {
  set({ busy: true, actionError: null, result: null });
  const r = await call('launcher:install');
  if (!r.ok) return set({ busy: false, actionError: r.error.message || r.error.code });
  set({
    busy: false,
    status: r.value,
    result: r.value.changed ? `Installed ${r.value.file}.` : `Already installed at ${r.value.file}.`,
  });
}

export async function removeLauncher(): Promise<void> {
  set({ busy: true, actionError: null, result: null });
  const r = await call('launcher:remove');
  if (!r.ok) return set({ busy: false, actionError: r.error.message || r.error.code });
  set({
    busy: false,
    status: r.value,
    result: r.value.removed ? `Removed ${r.value.file}.` : 'There was no launcher to remove.',
  });
}

/** One sentence for where `coditect` stands. */
export function launcherSentence(s: LauncherStatus): string {
  if (s.foreign)
    return `Another coditect command is at ${s.file} (not written by CODITECT); it is left alone.`;
  if (s.installed)
    return s.onPath
      ? `The coditect command is installed (${s.file}) and on your PATH.`
      : `The coditect command is installed (${s.file}), but its folder is not on your PATH yet.`;
  return `The coditect command is not installed. It would go to ${s.file}.`;
}
