import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { registerConnection } from './connection';
import { applySchema, schemaVersion, SCHEMA_VERSION } from './schema';
import { catchUpSearchIndex, migrateFromTrigger } from './search-index';

/**
 * Messages are a few KB each: 16 KiB pages keep most of them off overflow chains. Only a new
 * file takes it; an existing index keeps its page size.
 */
const PAGE_SIZE = 16384;
/**
 * A per-file commit with SQLite's default (1,000 pages) checkpoints the WAL into the main file
 * every few files, rewriting the same index pages again and again (measured: 2.5× the insert
 * time). The writer lets the WAL grow to this many pages and checkpoints when it closes.
 */
const WAL_AUTOCHECKPOINT_PAGES = 16384;
/**
 * The writer's page cache. 8 MiB, not 32: the content-hash index outgrows any of these sizes
 * within a few hundred thousand messages, and the OS page cache serves what this one misses.
 * Interleaved A/B on the 391 MB message-heavy corpus (issue 16): the same import time
 * (29.0/29.8 s against 31.3/28.6 s at 16 MiB) and 30 MB less at the run's peak (259/265 MiB
 * against 288/295 MiB); 16 MiB against 32 MiB gave the same on the 205 MB one.
 */
const CACHE_KIB = 8 * 1024;
/** '1' while a writer has the store open: found so at open, the last writer did not close it. */
const WRITER_OPEN = 'store.writer_open';

function writerOpenFlag(db: Database.Database): string | undefined {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(WRITER_OPEN) as string | undefined;
}

/** Thrown when the index cannot be opened or is corrupt; names the file. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${message} (store: ${file})`);
    this.name = 'StoreError';
  }
}

/**
 * A unit without a savepoint (`writeUnit`) failed inside a commit group: the whole group was
 * rolled back, so every file imported since the group's last commit is undone with it.
 */
export class GroupRolledBack extends Error {
  constructor(
    readonly cause: unknown,
    readonly file: string,
  ) {
    super(
      `the index ${file} could not be written (${(cause as Error)?.message ?? String(cause)}); this run's uncommitted imports were undone and the next run imports them again`,
    );
    this.name = 'GroupRolledBack';
  }
}

/** Opens the file; a failure names it. */
function openDatabase(file: string, opts: { readonly: boolean }): Database.Database {
  try {
    return new Database(file, { readonly: opts.readonly, fileMustExist: opts.readonly });
  } catch (err) {
    throw new StoreError(`cannot open the index: ${(err as Error).message}`, file);
  }
}

/**
 * The index as a reader sees it: the query files of core/memory take it, and it has no write
 * method, so code handed one cannot change the index (tsc refuses the call).
 */
export class ReadStore {
  protected constructor(
    protected readonly db: Database.Database,
    readonly file: string,
  ) {
    registerConnection(this, db);
  }

  /** A read-only connection to an existing index (StoreError when it cannot be opened). */
  static openReadOnly(file: string): ReadStore {
    return new ReadStore(openDatabase(file, { readonly: true }), file);
  }

  /** `PRAGMA quick_check`: an empty list means the file is sound. */
  quickCheck(): string[] {
    const rows = this.db.pragma('quick_check') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).filter((s) => s !== 'ok');
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The SQLite index behind the memory: WAL so readers (the app, a search) never block the
 * pipeline's writer; each imported file is one atomic unit, and units commit in groups.
 */
export class MemoryStore extends ReadStore {
  private group: { maxBytes: number; bytes: number } | null = null;

  private constructor(
    db: Database.Database,
    file: string,
    /** For a writer: the previous writer closed the store (false after a crash or kill -9). */
    readonly closedCleanlyBefore: boolean,
  ) {
    super(db, file);
  }

  /** The writer's connection (one per store: the pipeline, reindex, sync). */
  static open(file: string): MemoryStore {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = openDatabase(file, { readonly: false });
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    applySchema(db);
    const v = schemaVersion(db);
    if (v !== SCHEMA_VERSION) {
      db.close();
      throw new StoreError(`index schema ${v} is not ${SCHEMA_VERSION}; run \`coditect reindex\``, file);
    }
    migrateFromTrigger(db);
    // A writer that crashed after its messages committed left them unsearchable: finish that.
    catchUpSearchIndex(db);
    const store = new MemoryStore(db, file, writerOpenFlag(db) !== '1');
    store.setMeta(WRITER_OPEN, '1');
    return store;
  }

  /**
   * Run `fn` as one atomic unit (async work inside is allowed: one writer per store). Alone it
   * is a transaction; inside a commit group (below) it is a savepoint, so a failure undoes this
   * unit only and the group goes on.
   */
  async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    const grouped = this.group !== null;
    this.db.exec(grouped ? 'SAVEPOINT unit' : 'BEGIN IMMEDIATE');
    try {
      const result = await fn();
      this.db.exec(grouped ? 'RELEASE unit' : 'COMMIT');
      return result;
    } catch (err) {
      if (grouped && this.db.inTransaction) this.db.exec('ROLLBACK TO unit; RELEASE unit');
      else if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /**
   * A unit whose body is synchronous writes of data already read and parsed, so it can fail
   * halfway only by a store error (disk full, I/O). Inside a group it takes no savepoint: a
   * savepoint journals every page it touches first, a third of the insert time (measured on the
   * bench's exports). The price is paid only on such a failure: the whole group is rolled back
   * and `GroupRolledBack` thrown; nothing outside the store has happened yet (see beginGroup),
   * and the next run imports those files again.
   */
  writeUnit<T>(fn: () => T): T {
    if (!this.group) return this.db.transaction(fn)();
    try {
      return fn();
    } catch (err) {
      this.undoGroup(err);
    }
  }

  /** The group's transaction is gone (a write or its commit failed): roll back, say so. */
  private undoGroup(err: unknown): never {
    this.group = null;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    throw new GroupRolledBack(err, this.file);
  }

  /**
   * Group commit. Each commit rewrites every index page its inserts touched (the hash index is
   * random by nature), so committing each small file on its own costs more than its inserts
   * (measured: a quarter of the import). Inside a group, units commit together once `maxBytes`
   * of input has gone in; a crash loses only the uncommitted units, which the next run imports
   * again, since nothing outside the store (archive, checkpoint) happens before `endGroup`.
   */
  beginGroup(maxBytes: number): void {
    if (this.group) throw new Error('a commit group is already open');
    this.db.exec('BEGIN IMMEDIATE');
    this.group = { maxBytes, bytes: 0 };
  }

  /** Count `bytes` of input into the group; when it is due, commit and start afresh (true). */
  groupProgress(bytes: number): boolean {
    if (!this.group) return true;
    this.group.bytes += bytes;
    if (this.group.bytes < this.group.maxBytes) return false;
    // A commit that fails (a full disk fails here first: the WAL grows at commit) undoes the group.
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      this.undoGroup(err);
    }
    this.db.exec('BEGIN IMMEDIATE');
    this.group.bytes = 0;
    return true;
  }

  /** Commit what the group holds (or, with `commit: false`, after a failure, roll it back). */
  endGroup(opts: { commit: boolean } = { commit: true }): void {
    if (!this.group) return;
    if (!opts.commit || !this.db.inTransaction) {
      this.group = null;
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      return;
    }
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      this.undoGroup(err);
    }
    this.group = null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  deleteMeta(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  /** `fn`'s synchronous writes as one transaction (a savepoint when one is open already). */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Make every message imported so far searchable (the pipeline calls it after its imports). */
  catchUpSearchIndex(): number {
    return catchUpSearchIndex(this.db);
  }

  /**
   * Closes the connection whatever happens before: on a full disk the clean-close mark cannot
   * be written, and that error is thrown only once the file is closed. The mark stays unset, so
   * the next writer checks the index first (preflight).
   */
  close(): void {
    if (!this.db.open) return;
    try {
      // With readers open, SQLite's own checkpoint-on-close does not run: copy what it can now.
      this.setMeta(WRITER_OPEN, '0');
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      this.db.close();
    }
  }
}
