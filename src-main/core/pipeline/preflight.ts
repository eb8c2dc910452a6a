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

/** Prove we can write by writing: access(2) says yes on read-only mounts and ACL'd dirs. */
export function checkWritable(dir: string): void {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    throw new PreflightError(`cannot write in ${dir}: ${(err as Error).message}`);
  }
}

export function checkStoreIntegrity(store: MemoryStore): void {
  const problems = store.quickCheck();
  if (problems.length) {
    throw new PreflightError(
      `the index ${store.file} failed PRAGMA quick_check (${problems.slice(0, 3).join('; ')}); run \`coditect reindex\` to rebuild it from the git-tracked state`,
    );
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
