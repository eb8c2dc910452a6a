import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write';
import type { MemoryLayout } from '../workspace/memory-layout';

/**
 * Machine-local traces of syncs (in `.local/`, never committed): the last sync's outcome, for
 * the status bar; and a marker held while a sync rebases, so that after a crash (kill -9) the
 * next sync knows the half-done rebase is its own and may abort it.
 */
export const LastSync = z.object({
  at: z.string(),
  ok: z.boolean(),
  summary: z.string(),
});
export type LastSync = z.infer<typeof LastSync>;

const Marker = z.object({ startedAt: z.string(), before: z.string() });
export type SyncMarker = z.infer<typeof Marker>;

const lastSyncFile = (l: MemoryLayout) => path.join(l.localDir, 'last-sync.json');
const markerFile = (l: MemoryLayout) => path.join(l.localDir, 'sync-rebasing.json');

export function readLastSync(l: MemoryLayout): LastSync | null {
  return readJson(lastSyncFile(l), LastSync);
}

export function writeLastSync(l: MemoryLayout, s: LastSync): void {
  fs.mkdirSync(l.localDir, { recursive: true });
  writeFileAtomic(lastSyncFile(l), JSON.stringify(s) + '\n');
}

export function readMarker(l: MemoryLayout): SyncMarker | null {
  return readJson(markerFile(l), Marker);
}

export function writeMarker(l: MemoryLayout, m: SyncMarker): void {
  fs.mkdirSync(l.localDir, { recursive: true });
  writeFileAtomic(markerFile(l), JSON.stringify(m) + '\n');
}

export function clearMarker(l: MemoryLayout): void {
  fs.rmSync(markerFile(l), { force: true });
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  try {
    const r = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
