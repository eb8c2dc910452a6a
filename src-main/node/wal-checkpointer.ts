import { startWorker } from './start-worker';

/**
 * After the import step the write-ahead log holds every page it wrote (a few hundred MB for a
 * large import), which the store's own close would copy into the database file on the
 * pipeline's thread. Copied here on another thread instead, it overlaps with the archive and
 * checkpoint steps; the store's close then copies only what those wrote. A PASSIVE checkpoint
 * never blocks the writer and loses nothing if it stops halfway (SQLite redoes it later).
 * Never rejects: a failure only means the close does the work.
 */
export function checkpointWalInBackground(storeFile: string): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (problem: string | null) => {
      if (!settled) resolve(problem);
      settled = true;
    };
    const worker = startWorker('wal-worker', { workerData: { file: storeFile } });
    worker.once('message', () => done(null));
    worker.once('error', (err) => done(`background WAL checkpoint failed: ${err.message}`));
    worker.once('exit', (code) => done(code === 0 ? null : `background WAL checkpoint stopped (${code})`));
  });
}
