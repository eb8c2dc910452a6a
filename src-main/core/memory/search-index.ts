import type Database from 'better-sqlite3';
import { catchUpOccurrencePlaces } from './occurrence-places';

/**
 * The FTS5 index is built in bulk, not row by row: a trigger per insert made FTS5 flush a
 * segment at every per-file commit and merge them over and over (measured: 6× slower than
 * one pass over the new rows). `messages` rowids only grow, so "indexed up to rowid N" is the
 * whole state; it is advanced in the same transaction as the rows it covers, so a crash at
 * any point leaves it either before or after them, and the next writer catches up.
 */
const INDEXED_UPTO = 'fts.indexed_upto';

/**
 * prefix='2 3': words of two and three letters are also kept by their beginning, so a word
 * being typed ("co", "imp": the last word of a query matches as a prefix) reads one list
 * instead of merging the lists of every word it begins (measured: 65-100 ms for a two-letter
 * beginning of 235 words in a million messages, on every search).
 */
export const SEARCH_INDEX_DDL = `CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(
  text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);`;

/**
 * A store whose index was made with other options (before prefix='2 3') drops it: the index is
 * derived from `messages`, and the writer's open (catchUpSearchIndex) builds it again, once.
 * Until then a reader of an old store searches its old index.
 */
export function dropOutdatedSearchIndex(db: Database.Database): void {
  const sql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'messages_fts'")
    .pluck()
    .get() as string | undefined;
  if (sql === undefined || sql.includes("prefix='2 3'")) return;
  db.transaction(() => {
    db.exec('DROP TABLE messages_fts');
    db.exec(SEARCH_INDEX_DDL);
    setIndexedUpto(db, 0);
  })();
}

/**
 * Index every message added since the last catch-up; returns how many. The summary of where
 * occurrences are (occurrence-places.ts) catches up too: occurrences come with or without new
 * messages (a message seen again), and every writer of occurrences ends here.
 */
export function catchUpSearchIndex(db: Database.Database): number {
  catchUpOccurrencePlaces(db);
  const upto = indexedUpto(db);
  const max = (db.prepare('SELECT MAX(id) FROM messages').pluck().get() as number | null) ?? 0;
  if (max <= upto) return 0;
  return db.transaction(() => {
    const n = db
      .prepare('INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages WHERE id > ? ORDER BY id')
      .run(upto).changes;
    setIndexedUpto(db, max);
    return n;
  })();
}

/** Stores made before the bulk index kept FTS in step with a trigger: drop it, nothing is missing. */
export function migrateFromTrigger(db: Database.Database): void {
  const trigger = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_fts_insert'")
    .get();
  if (!trigger) return;
  db.transaction(() => {
    db.exec('DROP TRIGGER messages_fts_insert');
    const max = (db.prepare('SELECT MAX(id) FROM messages').pluck().get() as number | null) ?? 0;
    setIndexedUpto(db, max);
  })();
}

/** Messages not yet searchable (a run in progress, or one that crashed before its catch-up). */
export function unindexedCount(db: Database.Database): number {
  return db.prepare('SELECT COUNT(*) FROM messages WHERE id > ?').pluck().get(indexedUpto(db)) as number;
}

function indexedUpto(db: Database.Database): number {
  const v = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(INDEXED_UPTO) as
    string | undefined;
  return v === undefined ? 0 : Number(v);
}

function setIndexedUpto(db: Database.Database, id: number): void {
  db.prepare(
    'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(INDEXED_UPTO, String(id));
}
