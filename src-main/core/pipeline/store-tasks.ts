/**
 * Store work that another thread can do while the pipeline's thread goes on (node/store-tasks
 * runs each on its own connection in a worker). Each resolves with a problem to log, or null,
 * and never rejects: a task that did not happen is done by the pipeline's own connection.
 */
export interface BackgroundStoreTasks {
  /** Copy the write-ahead log into the database file (a PASSIVE checkpoint). */
  checkpointWal(storeFile: string): Promise<string | null>;
  /** Make every message imported so far searchable (search-index.ts, in one transaction). */
  indexSearch(storeFile: string): Promise<string | null>;
}
