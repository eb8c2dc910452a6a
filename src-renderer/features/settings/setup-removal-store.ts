/** Settings › CODITECT set-up: "Remove CODITECT set-up", asked for twice, and what it removed and kept. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { ResponseOf } from '../../bridge/types';
import { loadAppInfo } from '../../app/store';
import { loadSettings } from './store';

export type Removal = ResponseOf<'setup:remove'>;

interface RemovalState {
  confirming: boolean;
  removing: boolean;
  report: Removal | null;
  error: string | null;
}

export const useRemoval = create<RemovalState>()(() => ({
  confirming: false,
  removing: false,
  report: null,
  error: null,
}));

const set = useRemoval.setState;

export function askToRemove(confirming: boolean): void {
  set({ confirming, error: null });
}

export async function removeSetup(): Promise<void> {
  set({ removing: true, error: null });
  const r = await call('setup:remove');
  if (!r.ok) return set({ removing: false, confirming: false, error: r.error.message || r.error.code });
  set({ removing: false, confirming: false, report: r.value });
  // The settings may have lost their projects root: show what applies now.
  void loadAppInfo();
  void loadSettings();
}
