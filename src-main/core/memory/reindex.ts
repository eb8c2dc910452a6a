import fs from 'node:fs';
import type { MemoryLayout } from '../workspace/memory-layout';
import { migrateLegacyMemory } from '../checkpoint/migrate-v1';
import { readMemoryFormat } from '../checkpoint/memory-format';
import { ingestTrackedMemory } from './ingest-tracked';
import { connection } from './connection';
import { MemoryStore } from './store';

export interface ReindexReport {
  messages: number;
  checkpoints: number;
  sources: number;
  occurrences: number;
  problems: string[];
  backup: string | null;
  /** The memory was in the format before 2 and was converted first (its files, to commit). */
  migrated: string[];
}

/**
 * Rebuild the SQLite index from the git-tracked memory alone (after a clone on another
 * machine, or when the index is damaged): the same ingestion a pull uses, into an empty index.
 * Built beside the old one and swapped in at the end; the old index is kept as a backup.
 */
export async function reindex(layout: MemoryLayout): Promise<ReindexReport> {
  readMemoryFormat(layout);
  const migrated = (await migrateLegacyMemory(layout)).paths;
  const tmp = `${layout.storeFile}.rebuild`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const store = MemoryStore.open(tmp);
  const report: ReindexReport = {
    messages: 0,
    checkpoints: 0,
    sources: 0,
    occurrences: 0,
    problems: [],
    backup: null,
    migrated,
  };
  try {
    const r = ingestTrackedMemory(store, layout, report.problems);
    report.messages = r.messagesAdded;
    report.checkpoints = r.checkpointsAdded;
    const count = (sql: string) => connection(store).prepare(sql).pluck().get() as number;
    report.sources = count('SELECT COUNT(*) FROM sources');
    report.occurrences = count('SELECT COUNT(*) FROM occurrences');
    connection(store).pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
  report.backup = swapIn(layout.storeFile, tmp);
  return report;
}

function swapIn(storeFile: string, tmp: string): string | null {
  let backup: string | null = null;
  if (fs.existsSync(storeFile)) {
    backup = `${storeFile}.before-reindex-${Date.now()}`;
    fs.renameSync(storeFile, backup);
    for (const ext of ['-wal', '-shm'])
      if (fs.existsSync(storeFile + ext)) fs.renameSync(storeFile + ext, backup + ext);
  }
  fs.renameSync(tmp, storeFile);
  for (const ext of ['-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
  return backup;
}
