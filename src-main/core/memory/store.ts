import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applySchema, schemaVersion, SCHEMA_VERSION } from './schema';

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
 * The SQLite index behind the memory: WAL so readers (the app, a search) never block the
 * pipeline's writer, and one explicit transaction per imported file.
 */
export class MemoryStore {
  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {}

  static open(file: string, opts: { readonly?: boolean } = {}): MemoryStore {
    if (!opts.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    } catch (err) {
      throw new StoreError(`cannot open the index: ${(err as Error).message}`, file);
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 10000');
      applySchema(db);
      const v = schemaVersion(db);
      if (v !== SCHEMA_VERSION) {
        db.close();
        throw new StoreError(`index schema ${v} is not ${SCHEMA_VERSION}; run \`coditect reindex\``, file);
      }
    }
    return new MemoryStore(db, file);
  }

  /** `PRAGMA quick_check`: an empty list means the file is sound. */
  quickCheck(): string[] {
    const rows = this.db.pragma('quick_check') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).filter((s) => s !== 'ok');
  }

  /** Run `fn` inside one transaction; async work inside is allowed (one writer per store). */
  async inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
