/**
 * The worker-thread entry that does one store task on its own connection while the pipeline
 * goes on writing checkpoint files: see store-tasks.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { catchUpSearchIndex } from '../core/memory/search-index';
import type { StoreTask } from './store-tasks';

const { file, task } = workerData as { file: string; task: StoreTask };
const db = new Database(file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 10000');
  if (task === 'index-search') {
    // SQLite's default page cache: a larger one (the pipeline's 32 MB) measured no faster
    // here, and it counts against the run's peak memory.
    parentPort?.postMessage(catchUpSearchIndex(db));
  } else parentPort?.postMessage(db.pragma('wal_checkpoint(PASSIVE)'));
} finally {
  db.close();
}
