/**
 * Where finding a search hit inside an open list of messages stands (a checkpoint's messages, a
 * session's thread), and the page scan both views fall back on. One locate runs per list: a newer
 * one, or a cleared focus, overtakes it.
 */
import type { LocateTarget } from './locate';
import type { PagedRows } from './paged';

export type LocateState =
  | { status: 'none' }
  | { status: 'locating'; hash: string; scanned?: number }
  | { status: 'found'; hash: string; index: number }
  | { status: 'not-found'; hash: string };

export const NOT_LOCATING: LocateState = { status: 'none' };

/** What a finished search leaves: the row's index, or not found (null or a negative index). */
export function locatedAt(hash: string, index: number | null): LocateState {
  return index === null || index < 0 ? { status: 'not-found', hash } : { status: 'found', hash, index };
}

export interface Locator {
  /** Starts a locate; the returned check tells whether it is still the current one. */
  begin(hash: string): () => boolean;
  clear(): void;
}

export function createLocator(put: (state: LocateState) => void): Locator {
  let seq = 0;
  return {
    begin(hash) {
      const mine = ++seq;
      put({ status: 'locating', hash });
      return () => mine === seq;
    },
    clear() {
      seq++;
      put(NOT_LOCATING);
    },
  };
}

/** Scans the list a block at a time for the target, reporting progress while it is current. */
export async function scanForHit<T extends { role: string; text: string }>(
  rows: PagedRows<T>,
  target: LocateTarget,
  blockSize: number,
  current: () => boolean,
  put: (state: LocateState) => void,
): Promise<void> {
  const index = await rows.locate(
    target,
    blockSize,
    () => !current(),
    (scanned) => {
      if (current()) put({ status: 'locating', hash: target.hash, scanned });
    },
  );
  if (current()) put(locatedAt(target.hash, index));
}
