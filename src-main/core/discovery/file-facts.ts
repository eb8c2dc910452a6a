import type { BigIntStats } from 'node:fs';

/**
 * Identity and facts of a file from a BigInt stat. BigInt because Windows file ids exceed
 * 2^53: as plain numbers two different files could share a key and one would be dropped.
 */
export interface FileFacts {
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
}

/** The dedup key: one file however many paths reach it (links, mounts, overlapping sources). */
export function identityKey(s: BigIntStats): string {
  return `${s.dev}:${s.ino}`;
}

export function fileFacts(s: BigIntStats): FileFacts {
  return { size: Number(s.size), mtimeMs: mtimeMs(s), dev: Number(s.dev), ino: Number(s.ino) };
}

/**
 * The same double that a plain `fs.stat` reports as `mtimeMs` (seconds * 1e3 + ns / 1e6),
 * so callers comparing with their own stat see equal values.
 */
export function mtimeMs(s: BigIntStats): number {
  const sec = s.mtimeNs / 1_000_000_000n;
  const nsec = s.mtimeNs % 1_000_000_000n;
  return Number(sec) * 1e3 + Number(nsec) / 1e6;
}
