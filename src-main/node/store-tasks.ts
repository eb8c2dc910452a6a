import type { SideTask } from '../core/memory/side-connection';
import type { BackgroundStoreTasks } from '../core/pipeline/store-tasks';
import { startWorker } from './start-worker';

export type StoreTask = SideTask;

const WHAT: Record<StoreTask, string> = {
  'checkpoint-wal': 'background WAL checkpoint',
  'index-search': 'background search indexing',
};

/**
 * After the import step the write-ahead log holds every page it wrote (a few hundred MB for a
 * large import) and the search index lags behind every new message. Both are store work the
 * pipeline's thread would otherwise do in line: here each runs in a worker on its own
 * connection, overlapping the archive and checkpoint steps.
 * - The WAL copy is a PASSIVE checkpoint: it never blocks the writer and loses nothing if it
 *   stops halfway (SQLite redoes it later).
 * - The index catch-up is one write transaction; the pipeline starts it only while it reads
 *   (checkpoint files) and waits for it before it writes again.
 */
export const backgroundStoreTasks: BackgroundStoreTasks = {
  checkpointWal: (file) => runStoreTask(file, 'checkpoint-wal'),
  indexSearch: (file) => runStoreTask(file, 'index-search'),
};

/** Never rejects: a failure only means the pipeline's own connection does the work. */
export function runStoreTask(storeFile: string, task: StoreTask): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (problem: string | null) => {
      if (!settled) resolve(problem);
      settled = true;
    };
    const worker = startWorker('store-task-worker', { workerData: { file: storeFile, task } });
    worker.once('message', () => done(null));
    worker.once('error', (err) => done(`${WHAT[task]} failed: ${err.message}`));
    worker.once('exit', (code) => done(code === 0 ? null : `${WHAT[task]} stopped (${code})`));
  });
}
