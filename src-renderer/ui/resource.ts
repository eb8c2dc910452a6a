/** The loading / error / ready states every view shows, as one value. */
import type { IpcError, IpcResult } from '../bridge/types';

export type Resource<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: IpcError; previous?: T };

export const idle: Resource<never> = { status: 'idle' };

export function fromResult<T>(r: IpcResult<T>, previous?: T): Resource<T> {
  return r.ok ? { status: 'ready', value: r.value } : { status: 'error', error: r.error, previous };
}

/** The value to show: the fresh one, or the last good one while reloading / after a failed reload. */
export function valueOf<T>(r: Resource<T>): T | undefined {
  if (r.status === 'ready') return r.value;
  if (r.status === 'loading' || r.status === 'error') return r.previous;
  return undefined;
}

export function loading<T>(r: Resource<T>): Resource<T> {
  return { status: 'loading', previous: valueOf(r) };
}
