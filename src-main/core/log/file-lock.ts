/**
 * Cross-process mutual exclusion for the log, synchronous because a write must be finished
 * (and the file within its cap) when `appendLines` returns.
 *
 * Why not proper-lockfile: its sync API cannot wait (no retries), and it recognises a lock
 * left by a killed process only by mtime age (at least 2 s, 10 s by default), so every
 * `kill -9` while writing would stall the other writers for seconds. Here the lock
 * (`<log>.lock`) records pid, thread and host, so a lock whose owner is dead is broken at
 * once; age is only the fallback (other host, pid reused, owner frozen). The lock is a
 * symlink whose target is that record (created atomically, the trick Emacs uses), or an
 * O_EXCL file where symlinks are unavailable.
 *
 * Breaking a stale lock is itself serialised by a second O_EXCL file (`<log>.lock.break`):
 * without it, two waiters that both judged the lock stale could delete each other's fresh
 * locks. The breaker re-checks, under that file, that the lock is still the very one it judged.
 */
import * as fs from 'fs';
import * as os from 'os';
import { randomBytes } from 'crypto';
import { threadId } from 'worker_threads';

export interface FileLockOptions {
  /** Age after which a lock is broken even if its owner seems alive (pid reuse, frozen owner). */
  staleMs?: number;
  /** Give up (and throw) after waiting this long. Larger than staleMs so a stale lock clears. */
  timeoutMs?: number;
  /** 'symlink' (default except on Windows) falls back to 'file' where symlinks fail. */
  kind?: 'symlink' | 'file';
}

interface LockOwner {
  pid: number;
  tid: number;
  host: string;
  nonce: string;
}

// Writes hold the lock for milliseconds; 15 s means something is badly wrong with the owner.
const DEFAULT_STALE_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 30_000;
// A lock file is written right after its O_EXCL create; an empty or partial one younger than
// this may belong to a live writer between those two calls (FAT has 2 s mtime granularity).
const UNREADABLE_STALE_MS = 5_000;
const BREAKER_STALE_MS = 5_000;
const HOST = os.hostname();
const SYMLINK_UNSUPPORTED = new Set(['EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL']);
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

export function sleepSync(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

export class FileLock {
  private readonly breakPath: string;
  private readonly staleMs: number;
  private readonly timeoutMs: number;
  // Windows needs a privilege for symlinks, FAT has none: there, a plain O_EXCL file.
  private useSymlink: boolean;

  constructor(
    readonly lockPath: string,
    opts: FileLockOptions = {},
  ) {
    this.breakPath = `${lockPath}.break`;
    this.staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.useSymlink = (opts.kind ?? (process.platform === 'win32' ? 'file' : 'symlink')) === 'symlink';
  }

  /** Runs `fn` while holding the lock; the lock is released even if `fn` throws. */
  withLock<T>(fn: () => T): T {
    const nonce = this.acquire();
    try {
      return fn();
    } finally {
      this.release(nonce);
    }
  }

  private acquire(): string {
    const nonce = randomBytes(8).toString('hex');
    const deadline = Date.now() + this.timeoutMs;
    let delay = 1;
    for (;;) {
      if (this.tryCreate(nonce)) return nonce;
      const seen = readLock(this.lockPath);
      if (seen && this.isStale(seen) && this.breakIfStill(seen)) continue;
      if (Date.now() > deadline)
        throw new Error(`log lock still held after ${this.timeoutMs} ms: ${this.lockPath}`);
      // Jitter keeps waiting processes from retrying in lockstep.
      sleepSync(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 16);
    }
  }

  private tryCreate(nonce: string): boolean {
    const owner: LockOwner = { pid: process.pid, tid: threadId, host: HOST, nonce };
    const text = JSON.stringify(owner);
    if (this.useSymlink) {
      try {
        // A symlink is created together with its target text in one atomic step, so a lock
        // is never seen without its owner, even if we are killed right here.
        fs.symlinkSync(text, this.lockPath);
        return true;
      } catch (err) {
        if (code(err) === 'EEXIST') return false;
        if (!SYMLINK_UNSUPPORTED.has(code(err) ?? '')) throw err;
        this.useSymlink = false;
      }
    }
    return createFileLock(this.lockPath, text);
  }

  /** Only our own lock is removed: if it was broken meanwhile, the file is someone else's. */
  private release(nonce: string): void {
    const seen = readLock(this.lockPath);
    if (seen?.owner?.nonce !== nonce) return;
    unlinkQuietly(this.lockPath);
  }

  private isStale(seen: SeenLock): boolean {
    const age = Date.now() - seen.mtimeMs;
    if (!seen.owner) return age > UNREADABLE_STALE_MS;
    if (age > this.staleMs) return true;
    if (seen.owner.host !== HOST) return false;
    if (seen.owner.pid === process.pid) {
      // Same process: code holding the lock runs synchronously, so a lock of this very thread
      // can only be a leftover (of a dead process whose pid we inherited). Other worker
      // threads share the pid and may be alive.
      return seen.owner.tid === threadId;
    }
    return !processAlive(seen.owner.pid);
  }

  /** True when the lock is gone (broken by us, or released meanwhile): retry at once. */
  private breakIfStill(judged: SeenLock): boolean {
    if (!this.tryCreateBreaker()) return false;
    try {
      const now = readLock(this.lockPath);
      if (now && now.ino === judged.ino && now.text === judged.text) unlinkQuietly(this.lockPath);
      return true;
    } finally {
      unlinkQuietly(this.breakPath);
    }
  }

  private tryCreateBreaker(): boolean {
    try {
      fs.closeSync(fs.openSync(this.breakPath, 'wx', 0o600));
      return true;
    } catch (err) {
      if (code(err) !== 'EEXIST') return false;
      // A breaker killed inside its few-microsecond window would otherwise block breaking forever.
      const age = mtimeAge(this.breakPath);
      if (age !== undefined && age > BREAKER_STALE_MS) unlinkQuietly(this.breakPath);
      return false;
    }
  }
}

interface SeenLock {
  text: string;
  ino: number;
  mtimeMs: number;
  owner: LockOwner | undefined;
}

/** Fallback lock: it exists, empty, for a moment before its owner is written into it. */
function createFileLock(lockPath: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** Reads either kind of lock (symlink or file). */
function readLock(lockPath: string): SeenLock | undefined {
  try {
    const st = fs.lstatSync(lockPath);
    const text = st.isSymbolicLink() ? fs.readlinkSync(lockPath) : fs.readFileSync(lockPath, 'utf8');
    return { text, ino: st.ino, mtimeMs: st.mtimeMs, owner: parseOwner(text) };
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof o.pid === 'number' &&
      typeof o.tid === 'number' &&
      typeof o.host === 'string' &&
      typeof o.nonce === 'string'
    ) {
      return { pid: o.pid, tid: o.tid, host: o.host, nonce: o.nonce };
    }
  } catch {
    // partial or foreign content: judged by age
  }
  return undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — alive.
    return code(err) === 'EPERM';
  }
}

function mtimeAge(path: string): number | undefined {
  try {
    return Date.now() - fs.statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function unlinkQuietly(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // already gone
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}
