import type Database from 'better-sqlite3';
import type { ReadStore } from './store';

/**
 * The SQLite connection behind a store, for the query files of core/memory only: every SQL
 * statement lives in this folder, so callers elsewhere see named queries, never the database.
 * ESLint (eslint/store-sql.mjs) refuses this module's import anywhere else in src-main.
 */
const connections = new WeakMap<ReadStore, Database.Database>();

export function registerConnection(store: ReadStore, db: Database.Database): void {
  connections.set(store, db);
}

export function connection(store: ReadStore): Database.Database {
  const db = connections.get(store);
  if (!db) throw new Error(`no connection for the index ${store.file}`);
  return db;
}
