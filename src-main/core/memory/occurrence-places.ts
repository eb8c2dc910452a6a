import type Database from 'better-sqlite3';

/**
 * Where and when each source's messages occurred, in a few rows: one per (source, cwd) pair, with
 * the range of its occurrences' timestamps and whether some have none (search's date filter then
 * reads the source's import date). Search's project and date filters find from it the sources
 * whose occurrences may pass and read only theirs, through occurrences_source, instead of every
 * occurrence (search-queries.ts; a project over a million messages: 93 ms to scan the occurrences,
 * 2-6 ms through the sources).
 *
 * It only has to hold every pair and range of the occurrences it covers (more is harmless: the
 * occurrence's own condition is still checked). Occurrences are never deleted or moved and their
 * ids only grow (`coditect reindex` makes a new file), so "covers the occurrences up to id N" is
 * its whole state: a reader takes the sources of the occurrences past N as well, so a summary
 * behind the store (an import not caught up yet, a crash) narrows less but stays correct.
 */
export const OCCURRENCE_PLACES_DDL = `
CREATE TABLE IF NOT EXISTS occurrence_places (
  source_id INTEGER NOT NULL,
  cwd TEXT,
  first_at TEXT,
  last_at TEXT,
  untimed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS occurrence_places_source ON occurrence_places(source_id);`;

const PLACES_UPTO = 'places.upto';

/**
 * Adds the occurrences past the summary's mark (all of them in a store made before it: about
 * 1 s for 1.1 million occurrences); returns how many pairs were added or widened.
 */
export function catchUpOccurrencePlaces(db: Database.Database): number {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'occurrence_places'").get())
    return 0;
  const upto = occurrencePlacesUpto(db);
  const max = (db.prepare('SELECT MAX(id) FROM occurrences').pluck().get() as number | null) ?? 0;
  if (max <= upto) return 0;
  return db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT source_id sourceId, cwd, MIN(timestamp) firstAt, MAX(timestamp) lastAt,
           MAX(timestamp IS NULL) untimed
         FROM occurrences WHERE id > ? AND id <= ? GROUP BY source_id, cwd`,
      )
      .all(upto, max) as {
      sourceId: number;
      cwd: string | null;
      firstAt: string | null;
      lastAt: string | null;
      untimed: number;
    }[];
    const widen = db.prepare(
      `UPDATE occurrence_places SET
         first_at = COALESCE(MIN(first_at, @firstAt), first_at, @firstAt),
         last_at = COALESCE(MAX(last_at, @lastAt), last_at, @lastAt),
         untimed = MAX(untimed, @untimed)
       WHERE source_id = @sourceId AND cwd IS @cwd`,
    );
    const add = db.prepare(
      `INSERT INTO occurrence_places(source_id, cwd, first_at, last_at, untimed)
       VALUES (@sourceId, @cwd, @firstAt, @lastAt, @untimed)`,
    );
    for (const r of rows) if (widen.run(r).changes === 0) add.run(r);
    db.prepare(
      'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(PLACES_UPTO, String(max));
    return rows.length;
  })();
}

/** The last occurrence id the summary covers (0: none, or a store made before it). */
export function occurrencePlacesUpto(db: Database.Database): number {
  const v = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(PLACES_UPTO) as string | undefined;
  return v === undefined ? 0 : Number(v);
}
