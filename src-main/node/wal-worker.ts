/**
 * The worker-thread entry that copies the store's write-ahead log into the database file
 * (a PASSIVE checkpoint, on its own connection) while the pipeline goes on writing
 * checkpoint files: see wal-checkpointer.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database((workerData as { file: string }).file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  parentPort?.postMessage(db.pragma('wal_checkpoint(PASSIVE)'));
} finally {
  db.close();
}
