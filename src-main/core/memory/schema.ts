import type Database from 'better-sqlite3';
import { rereadTranscriptsAfterParserChange } from './parser-upgrade';
import { dropOutdatedSearchIndex, SEARCH_INDEX_DDL } from './search-index';
import { OCCURRENCE_PLACES_DDL } from './occurrence-places';

/**
 * The SQLite index. It is a cache of the git-tracked dedup state (`coditect reindex`
 * rebuilds it from those files), so a schema change may simply rebuild it.
 */
export const SCHEMA_VERSION = 1;

/**
 * Indexes on occurrences that only readers use (never the import's own lookups). By name, so
 * bulk-indexes.ts can drop and build them again with the same definition.
 */
export const OCCURRENCE_READ_INDEXES = {
  // Checkpoint pages are read in (source, seq) order: the index serves the ORDER BY without a sort.
  occurrences_checkpoint_order:
    'CREATE INDEX IF NOT EXISTS occurrences_checkpoint_order ON occurrences(checkpoint_id, source_id, seq)',
  occurrences_session: 'CREATE INDEX IF NOT EXISTS occurrences_session ON occurrences(session_id, timestamp)',
  // With the columns search's filters check on a match (source, date, checkpoint): a check reads
  // no row of the table (search-queries.ts checkEach: 0.5 -> 0.25 µs per match over a million).
  occurrences_message:
    'CREATE INDEX IF NOT EXISTS occurrences_message ON occurrences(message_id, source_id, timestamp, checkpoint_id)',
} as const;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per distinct content hash: the "global unique messages".
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  text TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  first_source_id INTEGER,
  -- The version of the secret screen that found nothing to redact (redact-secrets.ts), NULL if
  -- not screened: the messages part's writer skips the patterns for such text.
  clean INTEGER,
  -- Who said it when not an ordinary message (model.ts MessageKind); NULL for ordinary ones.
  kind TEXT
);
-- Messages not yet in a checkpoint's tracked messages part (markTracked). A table of its own, not a
-- flag in \`messages\`: marking a flag rewrote every page of message text a second time
-- (measured: 0.85 s of a 200 MB import, and as much again in the WAL copy).
CREATE TABLE IF NOT EXISTS state_pending (message_id INTEGER PRIMARY KEY);

-- The search index (search-index.ts: its options, filled in bulk, not by a trigger).
${SEARCH_INDEX_DDL}

-- Every input file ever imported. Exports are identified by their bytes (sha256);
-- transcripts by their path, imported incrementally up to end_offset.
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('export', 'transcript')),
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT,
  size INTEGER NOT NULL DEFAULT 0,
  mtime_ms REAL NOT NULL DEFAULT 0,
  end_offset INTEGER NOT NULL DEFAULT 0,
  prefix_sha256 TEXT,
  project TEXT,
  title_hint TEXT,
  imported_at TEXT NOT NULL,
  archive_path TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  raw_archived_offset INTEGER NOT NULL DEFAULT 0,
  raw_archive_bytes INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS sources_export_sha ON sources(sha256) WHERE kind = 'export';
CREATE UNIQUE INDEX IF NOT EXISTS sources_transcript_path ON sources(path) WHERE kind = 'transcript';

-- One row per import of a source (a transcript is imported again each time it grows).
-- checkpoint_id is NULL until a checkpoint takes the import.
CREATE TABLE IF NOT EXISTS source_imports (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  checkpoint_id TEXT,
  imported_at TEXT NOT NULL,
  start_offset INTEGER NOT NULL DEFAULT 0,
  end_offset INTEGER NOT NULL DEFAULT 0,
  read_count INTEGER NOT NULL,
  new_count INTEGER NOT NULL,
  dup_count INTEGER NOT NULL,
  bad_lines INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS source_imports_checkpoint ON source_imports(checkpoint_id);

-- Each message as it occurred in a source, in order. checkpoint_id is NULL until a
-- checkpoint takes it: that is how a crashed run's work is picked up by the next.
CREATE TABLE IF NOT EXISTS occurrences (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  source_id INTEGER NOT NULL REFERENCES sources(id),
  seq INTEGER NOT NULL,
  duplicate INTEGER NOT NULL,
  uuid TEXT UNIQUE,
  parent_uuid TEXT,
  session_id TEXT,
  turn_id TEXT,
  timestamp TEXT,
  cwd TEXT,
  git_branch TEXT,
  is_sidechain INTEGER NOT NULL DEFAULT 0,
  agent_id TEXT,
  tool_name TEXT,
  checkpoint_id TEXT
);
CREATE INDEX IF NOT EXISTS occurrences_source ON occurrences(source_id, seq);
-- The indexes an import does not read (bulk-indexes.ts may build them after a large one):
${Object.values(OCCURRENCE_READ_INDEXES).join(';\n')};

-- Each source's (cwd, timestamp range) pairs, for search's filters (occurrence-places.ts).
${OCCURRENCE_PLACES_DDL}

CREATE TABLE IF NOT EXISTS compactions (
  uuid TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  logical_parent_uuid TEXT,
  timestamp TEXT,
  trigger_kind TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  checkpoint_id TEXT
);

CREATE TABLE IF NOT EXISTS checkpoints (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  document TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'written')),
  read_count INTEGER NOT NULL DEFAULT 0,
  new_count INTEGER NOT NULL DEFAULT 0,
  dup_count INTEGER NOT NULL DEFAULT 0,
  redactions INTEGER NOT NULL DEFAULT 0,
  author TEXT,
  machine TEXT
);
`;

/**
 * Search's role and "who said it" filters, checked on each full-text match: the rows of
 * `messages` hold the text, so reading a match's role read a page of text per match (a prefix's
 * 14,000 matches spread over a million messages: 70-170 ms). This narrow copy of the two columns
 * by id serves the check (search-queries.ts, INDEXED BY). Built in about 1 s for a million
 * messages when a writer opens an older store.
 */
export const MESSAGE_FILTER_INDEX =
  'CREATE INDEX IF NOT EXISTS messages_role_kind ON messages(id, role, kind)';

export function applySchema(db: Database.Database): void {
  const pendingTableExisted = hasTable(db, 'state_pending');
  dropOutdatedSearchIndex(db);
  dropNarrowMessageIndex(db);
  db.exec(DDL);
  addMissingColumns(db);
  // After addMissingColumns (a store made before `kind` gets the column first).
  db.exec(MESSAGE_FILTER_INDEX);
  if (!pendingTableExisted) movePendingFlagToTable(db);
  rereadTranscriptsAfterParserChange(db);
  db.prepare('INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)').run(
    'schema_version',
    String(SCHEMA_VERSION),
  );
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/**
 * A store made before occurrences_message held the filters' columns: the index is made again
 * (DDL) with them, about 1 s for a million occurrences at a writer's first open.
 */
function dropNarrowMessageIndex(db: Database.Database): void {
  const sql = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'occurrences_message'")
    .pluck()
    .get() as string | undefined;
  if (sql !== undefined && !sql.includes('checkpoint_id')) db.exec('DROP INDEX occurrences_message');
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Stores made before `state_pending` flagged the same messages with `messages.in_state = 0`. */
function movePendingFlagToTable(db: Database.Database): void {
  const columns = new Set((db.pragma('table_info(messages)') as { name: string }[]).map((c) => c.name));
  if (!columns.has('in_state')) return;
  db.transaction(() => {
    db.exec('INSERT INTO state_pending(message_id) SELECT id FROM messages WHERE in_state = 0');
    // The column stays (SQLite drops columns by rewriting the table); nothing reads it any more.
    db.exec('DROP INDEX IF EXISTS messages_not_in_state');
  })();
}

/** Columns added after a store was made: added in place (NULL for old rows), no rebuild. */
function addMissingColumns(db: Database.Database): void {
  const columns = new Set((db.pragma('table_info(messages)') as { name: string }[]).map((c) => c.name));
  if (!columns.has('clean')) db.exec('ALTER TABLE messages ADD COLUMN clean INTEGER');
  if (!columns.has('kind')) db.exec('ALTER TABLE messages ADD COLUMN kind TEXT');
  const checkpointColumns = new Set(
    (db.pragma('table_info(checkpoints)') as { name: string }[]).map((c) => c.name),
  );
  for (const c of ['author', 'machine'])
    if (!checkpointColumns.has(c)) db.exec(`ALTER TABLE checkpoints ADD COLUMN ${c} TEXT`);
}
