import { connection } from './connection';
import { countTemporaryChanges, storeState } from './session-queries';
import type { ReadStore } from './store';

/** How many filters' message ids a connection keeps (each up to 4 bytes and a little per id). */
const FILTER_SETS = 8;

const filterSets = new WeakMap<
  ReadStore,
  { state: string; tables: Map<string, string>; sizes: Map<string, number>; next: number }
>();

/**
 * The ids of the messages `select` returns, in a temporary table of the connection (the store's
 * file is not written: a read-only connection has its own temporary database), found once per
 * filter while the store does not change: the Search view asks the same filters again at each
 * word typed. Measured over a million messages (docs/benchmarks.md): 200-300 ms to find a
 * filter's ids, then 15-30 ms for a common word whose 250,000 matches were each checked against
 * the occurrences' rows in 80-320 ms. The name of its table, or null when it cannot be made
 * (the connection is busy iterating another query, or in a transaction) or was not to be made
 * (`build` false, and not at hand): the caller checks each match instead.
 */
export function filterSet(
  store: ReadStore,
  key: string,
  select: string,
  params: Record<string, unknown>,
  build = true,
): string | null {
  const db = connection(store);
  let sets = filterSets.get(store);
  const state = storeState(store);
  if (sets && sets.state !== state) {
    dropFilterSets(store, sets.tables.values());
    sets.tables.clear();
    sets.sizes.clear();
  }
  if (!sets) filterSets.set(store, (sets = { state, tables: new Map(), sizes: new Map(), next: 0 }));
  let table = sets.tables.get(key);
  if (table) {
    // Most recently used last: the first is dropped when a new one would exceed FILTER_SETS.
    sets.tables.delete(key);
    sets.tables.set(key, table);
    return table;
  }
  // Inside a transaction a rollback would take the new table with it, and it stays listed here.
  if (!build || db.inTransaction) return null;
  table = `search_filter_${sets.next++}`;
  try {
    db.exec(`CREATE TEMP TABLE ${table} (id INTEGER PRIMARY KEY)`);
    const rows = db.prepare(`INSERT OR IGNORE INTO temp.${table} (id) ${select}`).run(params).changes;
    countTemporaryChanges(store, rows);
    sets.sizes.set(table, rows);
  } catch {
    dropFilterSets(store, [table]);
    return null;
  }
  sets.tables.set(key, table);
  while (sets.tables.size > FILTER_SETS) {
    const [oldest, name] = sets.tables.entries().next().value as [string, string];
    sets.tables.delete(oldest);
    sets.sizes.delete(name);
    dropFilterSets(store, [name]);
  }
  // Its own writes are not counted as the store's changes (countTemporaryChanges).
  sets.state = storeState(store);
  return table;
}

function dropFilterSets(store: ReadStore, tables: Iterable<string>): void {
  for (const t of tables)
    try {
      connection(store).exec(`DROP TABLE IF EXISTS temp.${t}`);
    } catch {
      // Busy: the table stays until the connection closes.
    }
}

/** How many ids a filter's table (filterSet) holds. */
export function filterSetSize(store: ReadStore, table: string): number {
  return filterSets.get(store)?.sizes.get(table) ?? Number.POSITIVE_INFINITY;
}
