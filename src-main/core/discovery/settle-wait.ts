import fs from 'node:fs';
import type { DiscoveryResult, FoundFile } from './types';

/**
 * An explicit run (`coditect export-dedup`, the app's Run button) right after `/export`
 * finds the export only seconds old, younger than discovery's settle time. Rather than leave
 * it for "the next run" that the user just asked for, such a run waits, briefly and bounded,
 * until the file has stopped changing, then imports it. Only exports wait: a transcript of a
 * live session grows with every reply and may never settle, and it is read incrementally on
 * the next run anyway. The app's watcher keeps its own policy (it schedules a later run).
 */

export interface SettleWait {
  /** A file counts as settled once its size and mtime have not changed for this long. */
  quietMs: number;
  /** The longest the run waits; files still changing then wait for the next run. */
  maxMs: number;
}

export const EXPLICIT_RUN_SETTLE_WAIT: SettleWait = { quietMs: 1000, maxMs: 15_000 };

/** What the wait needs from the world; replaced in tests that must not sleep. */
export interface SettleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: SettleClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The discovery result with every waiting export that settled within the wait moved to the
 * files to import (with its final size and mtime). `onWait` is told once, before waiting.
 */
export async function settleWaitingExports(
  d: DiscoveryResult,
  wait: SettleWait,
  onWait: (exports: FoundFile[]) => void,
  clock: SettleClock = realClock,
): Promise<DiscoveryResult> {
  const exports = d.waiting.filter((f) => f.kind === 'export');
  if (exports.length === 0) return d;
  onWait(exports);
  const settled = await waitUntilQuiet(exports, wait, clock);
  const settledPaths = new Set(settled.map((f) => f.path));
  return {
    ...d,
    files: [...d.files, ...settled].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    waiting: d.waiting.filter((f) => !settledPaths.has(f.path) && fs.existsSync(f.path)),
  };
}

interface Watched {
  file: FoundFile;
  size: number;
  mtimeMs: number;
}

async function waitUntilQuiet(
  files: FoundFile[],
  wait: SettleWait,
  clock: SettleClock,
): Promise<FoundFile[]> {
  const deadline = clock.now() + wait.maxMs;
  let pending: Watched[] = files.map((file) => ({ file, size: file.size, mtimeMs: file.mtimeMs }));
  const settled: FoundFile[] = [];
  while (pending.length > 0 && clock.now() < deadline) {
    await clock.sleep(Math.min(wait.quietMs, Math.max(0, deadline - clock.now())));
    const next: Watched[] = [];
    for (const w of pending) {
      const now = statOrNull(w.file.path);
      if (!now) continue; // gone (moved or deleted while we waited): nothing to import
      const quiet =
        now.size === w.size && now.mtimeMs === w.mtimeMs && clock.now() - now.mtimeMs >= wait.quietMs;
      if (quiet && now.size > 0) settled.push({ ...w.file, size: now.size, mtimeMs: now.mtimeMs });
      else next.push({ file: w.file, size: now.size, mtimeMs: now.mtimeMs });
    }
    pending = next;
  }
  return settled;
}

function statOrNull(file: string): { size: number; mtimeMs: number } | null {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}
