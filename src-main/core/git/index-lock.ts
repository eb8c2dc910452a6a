import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Default wait for another git process to let go of the index: long enough for a `git status`, short enough to not stall the run. */
export const INDEX_LOCK_WAIT_MS = 3000;

const POLL_MS = 50;

export function indexLockFile(gitDir: string): string {
  return path.join(gitDir, 'index.lock');
}

/** Waits up to `waitMs` for `index.lock` to go away; true once it is free. */
export async function waitForIndexLock(gitDir: string, waitMs: number): Promise<boolean> {
  const lock = indexLockFile(gitDir);
  const deadline = Date.now() + waitMs;
  while (fs.existsSync(lock)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** git's own words when it finds the lock taken. */
export function isIndexLockError(text: string): boolean {
  return /index\.lock'?:? File exists|Unable to create '[^']*index\.lock'/i.test(text);
}
