import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
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

const statements = new WeakMap<Database.Database, Map<string, Statement>>();

/**
 * `sql` prepared once per connection. For statements run per imported file: preparing them
 * again for each of 2,158 files took 0.9 s of a 205 MB import (issue 16). A statement's mode
 * (pluck, raw) is its one caller's: each SQL text here has a single call site.
 */
export function statement(store: ReadStore, sql: string): Statement {
  const db = connection(store);
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}
