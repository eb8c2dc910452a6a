import { connection } from './connection';
import { OCCURRENCE_READ_INDEXES } from './schema';
import type { MemoryStore } from './store';

/**
 * Input bytes per occurrence, on the low side (the message-heavy bench corpus has 500, the
 * bench's own 1,500): an estimate too high here would drop the indexes for too small an import.
 */
const BYTES_PER_OCCURRENCE = 2048;

/** Indexes dropped for an import, to be built again once its rows are in (`restore`). */
export interface DeferredIndexes {
  readonly names: readonly string[];
  /** Builds them again (idempotent); the milliseconds it took. */
  restore(): number;
}

/**
 * Every row an import adds also goes into each index on `occurrences`, at a random place for
 * most of them; building an index once from all the rows is a sort, far cheaper. When an import
 * brings more rows than the store holds (a first import, typically), the indexes it never reads
 * are dropped for it and built after it (measured on the 205 MB message-heavy corpus: 0.85 s of
 * the 8.2 s the import's thread worked, the rebuild's 0.4 s included). A smaller import into a
 * larger store keeps them: rebuilding would sort every row the store already had.
 *
 * Safe at any exit: the drop is part of the import's first commit group (a rollback takes it
 * back), and a store left without them (the process killed) gets them again when a writer next
 * opens it (schema.ts creates whatever index is missing).
 */
export function deferIndexesForImport(store: MemoryStore, inputBytes: number): DeferredIndexes | null {
  const db = connection(store);
  const held = (db.prepare('SELECT MAX(id) FROM occurrences').pluck().get() as number | null) ?? 0;
  if (inputBytes / BYTES_PER_OCCURRENCE <= held) return null;
  const present = new Set(
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'occurrences'")
      .pluck()
      .all(),
  );
  const names = Object.keys(OCCURRENCE_READ_INDEXES).filter((n) => present.has(n));
  for (const name of names) db.exec(`DROP INDEX ${name}`);
  return {
    names,
    restore() {
      const started = Date.now();
      for (const name of names)
        db.exec(OCCURRENCE_READ_INDEXES[name as keyof typeof OCCURRENCE_READ_INDEXES]);
      return Date.now() - started;
    },
  };
}
