import fs from 'node:fs';
import path from 'node:path';
import type { MemoryStore } from '../memory/store';

export const MIN_FREE_BYTES = 100 * 1024 * 1024;

export interface PreflightReport {
  freeBytes: number;
  writable: true;
  storeIntegrity: 'ok';
}

/** A precondition failed; the message names the directory or file and what to do. */
export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

export function checkFreeSpace(dir: string, minBytes = MIN_FREE_BYTES): number {
  const s = fs.statfsSync(dir);
  const free = Number(s.bavail) * Number(s.bsize);
  if (free < minBytes) {
    throw new PreflightError(
      `only ${formatBytes(free)} free on the disk of ${dir}; at least ${formatBytes(minBytes)} needed`,
    );
  }
  return free;
}

/**
 * Prove we can write by writing: access(2) says yes on read-only mounts and ACL'd dirs.
 * `folder` is what the message names (the memory folder, where `dir` is inside it).
 */
export function checkWritable(dir: string, folder = dir): void {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    throw new PreflightError(
      `cannot write in the memory folder ${folder}: ${whyNotWritable(folder, err)}; nothing was imported or changed`,
    );
  }
}

const NOT_WRITABLE: Record<string, string> = {
  EROFS: 'it is on a read-only disk',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
};

/** In words; Node's recursive mkdir says ENOENT on a read-only disk, so ask the folder itself. */
function whyNotWritable(folder: string, err: unknown): string {
  let code = (err as NodeJS.ErrnoException).code ?? '';
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (e) {
    code = NOT_WRITABLE[code] ? code : ((e as NodeJS.ErrnoException).code ?? code);
  }
  return NOT_WRITABLE[code] ?? (err as Error).message;
}

const CHECKED_AT = 'integrity.checked_at';
/** How long a clean store goes between full checks. */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Why the index must be checked now, or null. `PRAGMA quick_check` reads every page of the
 * store (0.6 s for a 230 MB store here, and it grows with the memory), so a routine run skips
 * it when the last writer closed the store and a check passed within the day. SQLite's WAL
 * keeps a store sound across crashes of its own; the check is for what it cannot see (a disk
 * error, another program writing the file), and after any unclean close it runs first.
 */
export function integrityCheckDue(store: MemoryStore, now: Date): string | null {
  if (!store.closedCleanlyBefore) return 'the last run did not close the index';
  const last = store.getMeta(CHECKED_AT);
  if (!last) return 'first check';
  if (now.getTime() - Date.parse(last) >= CHECK_EVERY_MS) return 'last check over a day ago';
  return null;
}

/** `PRAGMA quick_check` when it is due; what was done, for the preflight summary. */
export function checkStoreIntegrity(store: MemoryStore, now = new Date()): string {
  const due = integrityCheckDue(store, now);
  if (!due) return `index checked ${store.getMeta(CHECKED_AT)}, closed cleanly since`;
  // Until this check passes the store counts as unchecked, whatever happens to this run.
  forgetLastCheck(store);
  const problems = store.quickCheck();
  if (problems.length) {
    throw new PreflightError(
      `the index ${store.file} failed PRAGMA quick_check (${problems
        .slice(0, 3)
        .map((p) => p.replace(/\s+/g, ' '))
        .join('; ')}); run \`coditect reindex\` to rebuild it from the git-tracked state`,
    );
  }
  store.setMeta(CHECKED_AT, now.toISOString());
  return `index ok (${due})`;
}

function forgetLastCheck(store: MemoryStore): void {
  try {
    store.deleteMeta(CHECKED_AT);
  } catch {
    // A store too damaged to write to fails the check that follows, with a clearer message.
  }
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
