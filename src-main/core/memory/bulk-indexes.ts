import { connection } from './connection';
import { OCCURRENCE_READ_INDEXES } from './schema';
import type { MemoryStore, ReadStore } from './store';

/**
 * Input bytes per occurrence, on the low side (the message-heavy bench corpus has 500, the
 * bench's own 1,500): an estimate too high here would drop the indexes for too small an import.
 */
const BYTES_PER_OCCURRENCE = 2048;

/**
 * Every row an import adds also goes into each index on `occurrences`, at a random place for
 * most of them; building an index once from all the rows is a sort, far cheaper. When an import
 * brings more rows than the store holds (a first import, typically), the indexes it never reads
 * are dropped for it (measured on the 205 MB message-heavy corpus: 0.85 s of the 8.2 s the
 * import's thread worked, with the rebuild). The checkpoint builds them once it has assigned
 * those rows to itself (CheckpointRepository.createFromUnassigned), so that assignment does not
 * rewrite an entry of each either. A smaller import into a larger store keeps them: building
 * them again would sort every row the store already had. Returns the names dropped.
 *
 * Safe at any exit: the drop is part of the import's first commit group (a rollback takes it
 * back); a run that ends before its checkpoint builds them as it ends (export-dedup.ts); a store
 * left without them (the process killed) gets them when a writer next opens it (schema.ts
 * creates whatever index is missing).
 */
export function deferIndexesForImport(store: MemoryStore, inputBytes: number): string[] {
  const db = connection(store);
  const held = (db.prepare('SELECT MAX(id) FROM occurrences').pluck().get() as number | null) ?? 0;
  if (inputBytes / BYTES_PER_OCCURRENCE <= held) return [];
  const missing = new Set<string>(missingReadIndexes(store));
  const names = Object.keys(OCCURRENCE_READ_INDEXES).filter((n) => !missing.has(n));
  for (const name of names) db.exec(`DROP INDEX ${name}`);
  return names;
}

/** Builds the indexes of occurrences for readers that the store lacks; the names built. */
export function buildMissingReadIndexes(store: MemoryStore): string[] {
  const missing = missingReadIndexes(store);
  for (const name of missing) connection(store).exec(OCCURRENCE_READ_INDEXES[name]);
  return missing;
}

function missingReadIndexes(store: ReadStore): (keyof typeof OCCURRENCE_READ_INDEXES)[] {
  const present = new Set(
    connection(store)
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'occurrences'")
      .pluck()
      .all(),
  );
  return (Object.keys(OCCURRENCE_READ_INDEXES) as (keyof typeof OCCURRENCE_READ_INDEXES)[]).filter(
    (n) => !present.has(n),
  );
}
