/**
 * The update state machine the UI shows: idle → checking → available → downloading(progress)
 * → ready ("Restart to update"), with error and disabled(reason). A reducer, so every
 * transition is tested without electron-updater and replayed identically in the preview.
 */
import type { DisabledReason } from './policy';
import { disabledReasonText } from './policy';

export interface DownloadProgress {
  /** 0–100. */
  percent: number;
  transferred: number;
  total: number;
  bytesPerSecond: number;
}

export type UpdateState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | ({ kind: 'downloading'; version: string } & DownloadProgress)
  | { kind: 'ready'; version: string }
  | { kind: 'error'; message: string }
  | { kind: 'disabled'; reason: DisabledReason; message: string };

export type UpdateEvent =
  | { type: 'check' }
  | { type: 'available'; version: string }
  | { type: 'not-available' }
  | ({ type: 'progress' } & DownloadProgress)
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string }
  | { type: 'disable'; reason: DisabledReason };

export const INITIAL_UPDATE_STATE: UpdateState = { kind: 'idle' };

export function canCheck(state: UpdateState): boolean {
  return state.kind === 'idle' || state.kind === 'error';
}

function clampPercent(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
}

function onProgress(state: UpdateState, event: DownloadProgress): UpdateState {
  if (state.kind !== 'available' && state.kind !== 'downloading') return state;
  return {
    kind: 'downloading',
    version: state.version,
    percent: clampPercent(event.percent),
    transferred: event.transferred,
    total: event.total,
    bytesPerSecond: event.bytesPerSecond,
  };
}

/** Applies one updater event; events that make no sense in the current state are ignored. */
export function reduceUpdateState(state: UpdateState, event: UpdateEvent): UpdateState {
  // Disabled is final: nothing an updater emits afterwards may re-enable the UI.
  if (state.kind === 'disabled') return state;
  switch (event.type) {
    case 'disable':
      return { kind: 'disabled', reason: event.reason, message: disabledReasonText(event.reason) };
    case 'check':
      return canCheck(state) ? { kind: 'checking' } : state;
    case 'available':
      return state.kind === 'checking' || state.kind === 'idle'
        ? { kind: 'available', version: event.version }
        : state;
    case 'not-available':
      return state.kind === 'checking' ? { kind: 'idle' } : state;
    case 'progress':
      return onProgress(state, event);
    case 'downloaded':
      return { kind: 'ready', version: event.version };
    case 'error':
      // A downloaded update stays installable even if a later check fails.
      return state.kind === 'ready' ? state : { kind: 'error', message: event.message };
  }
}
