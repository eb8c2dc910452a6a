import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connection } from '../../../src-main/core/memory/connection';
import { MemoryStore } from '../../../src-main/core/memory/store';
import {
  CHECK_EVERY_MS,
  checkStoreIntegrity,
  integrityCheckDue,
  PreflightError,
} from '../../../src-main/core/pipeline/preflight';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function storeFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-integrity-'));
  dirs.push(dir);
  return path.join(dir, 'coditect.sqlite');
}

const NOW = new Date('2026-12-01T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

function withMessages(file: string, n: number): void {
  const store = MemoryStore.open(file);
  const insert = connection(store).prepare(
    "INSERT INTO messages(hash, role, text, first_seen) VALUES (?, 'user', ?, 'now')",
  );
  connection(store).transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`${i}`.padStart(64, 'a'), `message ${i} `.repeat(20));
  })();
  store.close();
}

/** Garbage over the cell pointers of the hash index's root page, as a bad disk sector leaves. */
function damageHashIndex(file: string): void {
  const db = new Database(file);
  const root = db
    .prepare(
      "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NULL",
    )
    .pluck()
    .get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (root - 1) * pageSize + 12);
  fs.closeSync(fd);
}

describe('the index integrity check in preflight', () => {
  it('runs first, then not again while the store is closed cleanly, and again after a day', () => {
    const file = storeFile();
    let store = MemoryStore.open(file);
    expect(integrityCheckDue(store, NOW)).toBe('first check');
    expect(checkStoreIntegrity(store, NOW)).toBe('index ok (first check)');
    store.close();
    store = MemoryStore.open(file);
    expect(integrityCheckDue(store, later(CHECK_EVERY_MS - 1))).toBeNull();
    expect(checkStoreIntegrity(store, later(60_000))).toMatch(/closed cleanly since/);
    expect(integrityCheckDue(store, later(CHECK_EVERY_MS))).toBe('last check over a day ago');
    store.close();
  });

  it('runs after a writer that did not close the store (a crash, kill -9)', () => {
    const file = storeFile();
    const first = MemoryStore.open(file);
    checkStoreIntegrity(first, NOW);
    connection(first).close(); // no MemoryStore.close: as after kill -9
    const next = MemoryStore.open(file);
    expect(integrityCheckDue(next, later(1000))).toBe('the last run did not close the index');
    next.close();
  });

  it('names the file of a damaged index, and keeps checking until it is rebuilt', () => {
    const file = storeFile();
    withMessages(file, 2000);
    damageHashIndex(file);
    const store = MemoryStore.open(file);
    expect(() => checkStoreIntegrity(store, NOW)).toThrow(PreflightError);
    expect(() => checkStoreIntegrity(store, NOW)).toThrow(new RegExp(`${file}.*quick_check.*reindex`));
    store.close();
    const again = MemoryStore.open(file);
    expect(integrityCheckDue(again, later(1000))).toBe('first check');
    again.close();
  });
});
