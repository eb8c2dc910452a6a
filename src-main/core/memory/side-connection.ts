import Database from 'better-sqlite3';
import { catchUpSearchIndex } from './search-index';

/** Store work done on a connection of its own, beside the pipeline's writer (a worker thread's). */
export type SideTask = 'checkpoint-wal' | 'index-search';

/**
 * Opens the index for `task` alone, runs it, closes it: no schema check and no writer mark,
 * since the pipeline's own connection holds the store open meanwhile. Returns what the task
 * reports (messages indexed, or the WAL checkpoint's pages).
 */
export function runSideTask(file: string, task: SideTask): unknown {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // SQLite's default page cache: a larger one (the pipeline's 32 MB) measured no faster
    // here, and it counts against the run's peak memory.
    if (task === 'index-search') return catchUpSearchIndex(db);
    return db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}
