import type { Logger } from '../log/logger';

/** One thing a run holds until it ends: what it is (for the log) and how to let it go. */
export interface HeldResource {
  what: string;
  release: () => unknown;
}

/**
 * Lets go of everything a run holds, in order, each whatever happened to the ones before it:
 * on a full disk closing the index throws, and a throw here used to leave the parse worker
 * running and the lock held, so the process never exited. Returns the first problem, in words.
 */
export async function releaseAll(held: readonly HeldResource[], log: Logger): Promise<string | null> {
  let first: string | null = null;
  for (const h of held) {
    try {
      await h.release();
    } catch (err) {
      const problem = `could not ${h.what}: ${(err as Error)?.message ?? String(err)}`;
      log.warn('run', problem);
      first ??= problem;
    }
  }
  return first;
}
