import fs from 'node:fs';
import os from 'node:os';
import lockfile from 'proper-lockfile';
import { writeFileAtomic } from '../workspace/atomic-write';

export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/** The pipeline is already running on this memory directory; says who runs it. */
export class LockBusyError extends Error {
  constructor(
    readonly owner: LockOwner | null,
    readonly memoryDir: string,
  ) {
    super(
      owner
        ? `another export-dedup is running on ${memoryDir}: pid ${owner.pid} on ${owner.host} (${owner.command}), started ${owner.startedAt}`
        : `another export-dedup is running on ${memoryDir} (its owner did not say who it is)`,
    );
    this.name = 'LockBusyError';
  }
}

/** proper-lockfile refreshes the lock's mtime this often while the holder lives. */
const REFRESH_MS = 1_000;
/** A lock nobody refreshed for this long is stale even when we cannot see its owner (another host). */
const STALE_MS = 60_000;
const POLL_MS = 250;

/**
 * One writer per memory directory, across processes (the desktop app and any CLI). A holder
 * killed with -9 is recognised at once when it ran on this host (its pid is gone and it has
 * stopped refreshing the lock), else after STALE_MS; so a crash never wedges the next run.
 */
export async function acquirePipelineLock(
  target: string,
  ownerFile: string,
  memoryDir: string,
  opts: { waitMs: number; command: string },
): Promise<() => Promise<void>> {
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    clearDeadHolder(target, ownerFile);
    try {
      const release = await lockfile.lock(target, {
        realpath: false,
        stale: STALE_MS,
        update: REFRESH_MS,
        retries: 0,
      });
      writeFileAtomic(ownerFile, JSON.stringify(owner(opts.command)) + '\n');
      return async () => {
        fs.rmSync(ownerFile, { force: true });
        await release();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      if (Date.now() >= deadline) throw new LockBusyError(readOwner(ownerFile), memoryDir);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/**
 * Remove the lock of a holder that is provably dead: same host, pid gone, and no refresh for
 * two intervals. The last condition protects a new holder that has taken the lock but not yet
 * written its owner file (the file then still names the dead one): its lock is fresh.
 */
function clearDeadHolder(target: string, ownerFile: string): void {
  const lockDir = `${target}.lock`;
  const o = readOwner(ownerFile);
  if (!o || o.host !== os.hostname() || isAlive(o.pid)) return;
  try {
    if (Date.now() - fs.statSync(lockDir).mtimeMs < 2 * REFRESH_MS) return;
    fs.rmSync(lockDir, { recursive: true, force: true });
  } catch {
    // No lock directory: nothing to clear.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function owner(command: string): LockOwner {
  return { pid: process.pid, host: os.hostname(), command, startedAt: new Date().toISOString() };
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}
