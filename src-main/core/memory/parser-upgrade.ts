import type Database from 'better-sqlite3';
import { connection } from './connection';
import type { ReadStore } from './store';

/**
 * The version of what the transcript reader makes of a line. Version 2 (issue 13) tells who
 * said what (message kinds), reads summary rows, hook blocking failures, bare strings in
 * content arrays and complete last lines without a newline, which version 1 dropped.
 *
 * A store whose transcripts an older reader imported reads them again, once, from the start:
 * rows it already holds are known by their uuid and stay duplicates (nothing is stored twice,
 * no hash changes), their messages take the kind the new reader gives them, and what the old
 * reader dropped is added. Exports are not read again: their parser did not change.
 */
export const PARSER_VERSION = 2;

const META_KEY = 'transcript_parser_version';

export function rereadTranscriptsAfterParserChange(db: Database.Database): void {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEY) as
    { value: string } | undefined;
  const version = row ? Number(row.value) : 1;
  if (version >= PARSER_VERSION) return;
  db.transaction(() => {
    // size 0 and no prefix hash: the next run finds each transcript changed and reads it whole.
    db.exec(
      "UPDATE sources SET end_offset = 0, prefix_sha256 = NULL, size = 0, mtime_ms = 0 WHERE kind = 'transcript'",
    );
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(META_KEY, String(PARSER_VERSION));
  })();
}

/** Whether the store has the `kind` column (a store not yet opened by a writer of this version may not). */
export function hasKindColumn(db: Database.Database): boolean {
  return (db.pragma('table_info(messages)') as { name: string }[]).some((c) => c.name === 'kind');
}

/** The kind column, or NULL in a store no writer of this version has opened yet (read-only use). */
export function kindExpression(store: ReadStore): string {
  return hasKindColumn(connection(store)) ? 'm.kind' : 'NULL';
}
