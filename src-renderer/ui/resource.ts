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

/**
 * A reply settling a reload. A failure keeps the last good value only while this load is the
 * one showing: once something else replaced the loading state, that value is no longer "last".
 */
export function settle<T>(current: Resource<T>, r: IpcResult<T>): Resource<T> {
  return fromResult(r, current.status === 'loading' ? current.previous : undefined);
}

/** Where a store keeps one resource. */
export interface ResourceSlot<T> {
  get(): Resource<T>;
  put(next: Resource<T>): void;
}

/**
 * Reloads one resource: loading with the last good value shown, then settled by the reply.
 * `overtaken` drops a reply a newer reload has replaced (a filter typed while the list loads).
 */
export async function reload<T>(
  slot: ResourceSlot<T>,
  fetch: () => Promise<IpcResult<T>>,
  overtaken: () => boolean = () => false,
): Promise<void> {
  slot.put(loading(slot.get()));
  const r = await fetch();
  if (overtaken()) return;
  slot.put(settle(slot.get(), r));
}
