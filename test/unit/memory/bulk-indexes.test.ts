import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMissingReadIndexes, deferIndexesForImport } from '../../../src-main/core/memory/bulk-indexes';
import { CheckpointRepository } from '../../../src-main/core/memory/checkpoints';
import { connection } from '../../../src-main/core/memory/connection';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function storeFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-bulk-idx-'));
  dirs.push(dir);
  return path.join(dir, 'coditect.sqlite');
}

/** Every index of the file, by name, with its definition. */
function indexes(file: string): Record<string, string | null> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
      .all() as {
      name: string;
      sql: string | null;
    }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.sql]));
  } finally {
    db.close();
  }
}

/** `n` occurrences of one message in one source, written as the import writes them. */
function addOccurrences(file: string, n: number): void {
  const db = new Database(file);
  db.exec(`INSERT INTO sources(kind, path, name, imported_at) VALUES ('export', '/x', 'x', 'now');
           INSERT INTO messages(hash, role, text, first_seen) VALUES ('h', 'user', 't', 'now')`);
  const add = db.prepare(
    'INSERT INTO occurrences(message_id, source_id, seq, duplicate) VALUES (1, 1, ?, 0)',
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) add.run(i);
  })();
  db.close();
}

const DEFERRED = ['occurrences_checkpoint_order', 'occurrences_message', 'occurrences_session'];

describe('indexes deferred for a large import', () => {
  it('drops the indexes the import never reads for an import larger than the store, and builds them again as they were', () => {
    const file = storeFile();
    const store = MemoryStore.open(file);
    const before = indexes(file);
    const deferred = deferIndexesForImport(store, 10 * 1024 * 1024);
    expect(deferred.slice().sort()).toEqual(DEFERRED);
    const during = indexes(file);
    for (const name of DEFERRED) expect(during[name]).toBeUndefined();
    // What the import reads stays: dedup by uuid and hash, a transcript's next seq.
    expect(Object.keys(during)).toEqual(
      expect.arrayContaining([
        'occurrences_source',
        'sqlite_autoindex_messages_1',
        'sqlite_autoindex_occurrences_1',
      ]),
    );
    expect(buildMissingReadIndexes(store).sort()).toEqual(DEFERRED);
    expect(indexes(file)).toEqual(before);
    expect(buildMissingReadIndexes(store)).toEqual([]);
    store.close();
  });

  it('keeps them for an import smaller than what the store holds', () => {
    const file = storeFile();
    MemoryStore.open(file).close();
    addOccurrences(file, 600);
    const store = MemoryStore.open(file);
    const before = indexes(file);
    // 600 occurrences held; 1 MB of input is about 500 of them.
    expect(deferIndexesForImport(store, 1024 * 1024)).toEqual([]);
    expect(indexes(file)).toEqual(before);
    expect(deferIndexesForImport(store, 4 * 1024 * 1024)).toHaveLength(3);
    store.close();
  });

  it('a rolled back import takes the drop back with it', () => {
    const file = storeFile();
    const store = MemoryStore.open(file);
    const before = indexes(file);
    store.beginGroup(1 << 30);
    deferIndexesForImport(store, 10 * 1024 * 1024);
    store.endGroup({ commit: false });
    expect(indexes(file)).toEqual(before);
    store.close();
  });

  it('a store left without them (the process killed before the rebuild) has them again when next opened', () => {
    const file = storeFile();
    const before = indexes((MemoryStore.open(file).close(), file));
    // What a kill after the import's first commit leaves: the drop committed, no rebuild.
    const killed = MemoryStore.open(file);
    killed.beginGroup(1 << 30);
    deferIndexesForImport(killed, 10 * 1024 * 1024);
    killed.endGroup();
    expect(Object.keys(indexes(file))).not.toContain('occurrences_message');
    killed.close();
    MemoryStore.open(file).close();
    expect(indexes(file)).toEqual(before);
  });

  it('the checkpoint that takes the rows builds them, after giving every row its id', () => {
    const file = storeFile();
    const before = indexes((MemoryStore.open(file).close(), file));
    const store = MemoryStore.open(file);
    store.beginGroup(1 << 30);
    expect(deferIndexesForImport(store, 10 * 1024 * 1024)).toHaveLength(3);
    const db = connection(store);
    const source = Number(
      db
        .prepare(
          "INSERT INTO sources(kind, path, name, imported_at) VALUES ('export', '/x/e.txt', 'e.txt', 'now')",
        )
        .run().lastInsertRowid,
    );
    db.prepare(
      'INSERT INTO source_imports(source_id, imported_at, read_count, new_count, dup_count) VALUES (?, ?, 3, 2, 1)',
    ).run(source, 'now');
    const writer = new MessageWriter(store, source, 0, 'now');
    for (const text of ['one', 'two', 'one']) writer.add({ role: 'user', text });
    store.endGroup();
    const c = new CheckpointRepository(store).createFromUnassigned({
      id: 'cp-1',
      title: 'One',
      createdAt: 'now',
      document: 'checkpoints/cp-1.md',
      author: null,
      machine: null,
    });
    expect(indexes(file)).toEqual(before);
    expect({ read: c.read_count, new: c.new_count, dup: c.dup_count }).toEqual({ read: 3, new: 2, dup: 1 });
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM occurrences WHERE checkpoint_id = 'cp-1'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/occurrences_checkpoint_order/);
    store.close();
  });
});
