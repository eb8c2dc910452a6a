import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { markTracked } from '../../../src-main/core/checkpoint/write-tracked';
import { messagePartsOf } from '../../helpers/message-parts';
import { insertExportSource } from '../../helpers/store-rows';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { searchMessages } from '../../../src-main/core/memory/search-queries';
import { SECRET_SCREEN_VERSION } from '../../../src-main/core/security/redact-secrets';
import { unindexedCount } from '../../../src-main/core/memory/search-index';
import { connection } from '../../../src-main/core/memory/connection';
import { GroupRolledBack, MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function storeFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-store-'));
  dirs.push(dir);
  return path.join(dir, 'coditect.sqlite');
}

function addMessage(store: MemoryStore, hash: string, text: string): void {
  connection(store)
    .prepare("INSERT INTO messages(hash, role, text, first_seen) VALUES (?, 'user', ?, 'now')")
    .run(hash, text);
}

/** Both halves of a checkpoint's messages parts, as write-checkpoint does them. */
async function appendUniqueMessages(store: MemoryStore, checkpointId: string) {
  const parts = await messagePartsOf(store, checkpointId);
  markTracked(store, parts.ids);
  return { added: parts.ids.length, redactions: parts.redactions };
}

function hits(store: MemoryStore, q: string): number {
  return searchMessages(store, q, 50).length;
}

describe('the search index, built in bulk', () => {
  it('makes new messages searchable when caught up, not before', () => {
    const store = MemoryStore.open(storeFile());
    addMessage(store, 'h1', 'the quick brown fox');
    addMessage(store, 'h2', 'a lazy brown dog');
    expect(hits(store, 'brown')).toBe(0);
    expect(unindexedCount(connection(store))).toBe(2);
    expect(store.catchUpSearchIndex()).toBe(2);
    expect(hits(store, 'brown')).toBe(2);
    expect(store.catchUpSearchIndex()).toBe(0);
    store.close();
  });

  it('a writer that died before its catch-up leaves nothing unsearchable for the next one', () => {
    const file = storeFile();
    const first = MemoryStore.open(file);
    addMessage(first, 'h1', 'orphaned penguin notes');
    connection(first).close(); // no catch-up: as after kill -9
    const next = MemoryStore.open(file);
    expect(unindexedCount(connection(next))).toBe(0);
    expect(hits(next, 'penguin')).toBe(1);
    next.close();
  });

  it('rebuilds a search index made before prefix indexes, once, and finds the same messages', () => {
    const file = storeFile();
    MemoryStore.open(file).close();
    const old = new Database(file);
    old.exec('DROP TABLE messages_fts');
    old.exec(`CREATE VIRTUAL TABLE messages_fts USING fts5(
      text, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`);
    old
      .prepare(
        "INSERT INTO messages(hash, role, text, first_seen) VALUES ('h1', 'user', 'walrus tusk', 'now')",
      )
      .run();
    old.exec('INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages');
    old.exec("UPDATE meta SET value = (SELECT MAX(id) FROM messages) WHERE key = 'fts.indexed_upto'");
    old.close();
    const store = MemoryStore.open(file);
    const sql = () =>
      connection(store).prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_fts'").pluck().get();
    expect(sql()).toContain("prefix='2 3'");
    expect(hits(store, 'walrus')).toBe(1);
    expect(hits(store, 'wa')).toBe(1);
    expect(hits(store, 'tus*')).toBe(1);
    store.close();
    const again = MemoryStore.open(file);
    expect(unindexedCount(connection(again))).toBe(0);
    expect(hits(again, 'walrus')).toBe(1);
    again.close();
  });

  it('migrates a store that kept FTS in step with a trigger, indexing nothing twice', () => {
    const file = storeFile();
    MemoryStore.open(file).close();
    const old = new Database(file);
    old.exec(`CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END;`);
    old.exec("DELETE FROM meta WHERE key = 'fts.indexed_upto'");
    old
      .prepare(
        "INSERT INTO messages(hash, role, text, first_seen) VALUES ('h1', 'user', 'walrus tusk', 'now')",
      )
      .run();
    old.close();
    const store = MemoryStore.open(file);
    const trigger = connection(store)
      .prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'")
      .pluck()
      .get();
    expect(trigger).toBe(0);
    expect(hits(store, 'walrus')).toBe(1);
    addMessage(store, 'h2', 'walrus again');
    store.catchUpSearchIndex();
    expect(hits(store, 'walrus')).toBe(2);
    store.close();
  });
});

describe('group commit', () => {
  it('a unit that fails is undone alone; the group commits the others', async () => {
    const store = MemoryStore.open(storeFile());
    store.beginGroup(1 << 30);
    await store.inTransaction(async () => addMessage(store, 'a', 'first file'));
    await expect(
      store.inTransaction(async () => {
        addMessage(store, 'b', 'second file, half done');
        throw new Error('the file vanished');
      }),
    ).rejects.toThrow('vanished');
    await store.inTransaction(async () => addMessage(store, 'c', 'third file'));
    store.endGroup();
    const hashes = connection(store).prepare('SELECT hash FROM messages ORDER BY id').pluck().all();
    expect(hashes).toEqual(['a', 'c']);
    store.close();
  });

  it('commits when the byte budget is reached, so a crash loses only the open group', async () => {
    const file = storeFile();
    const store = MemoryStore.open(file);
    store.beginGroup(100);
    await store.inTransaction(async () => addMessage(store, 'a', 'x'));
    expect(store.groupProgress(60)).toBe(false);
    await store.inTransaction(async () => addMessage(store, 'b', 'y'));
    expect(store.groupProgress(60)).toBe(true);
    await store.inTransaction(async () => addMessage(store, 'c', 'z'));
    store.groupProgress(10);
    // Another connection sees only what was committed: as a crash now would leave it.
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT hash FROM messages ORDER BY id').pluck().all()).toEqual(['a', 'b']);
    store.endGroup({ commit: false });
    expect(reader.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(2);
    reader.close();
    store.close();
  });

  it('a unit without a savepoint that fails rolls the whole group back, and says so', async () => {
    const store = MemoryStore.open(storeFile());
    await store.inTransaction(async () => addMessage(store, 'before', 'committed alone'));
    store.beginGroup(1 << 30);
    store.writeUnit(() => addMessage(store, 'a', 'first file'));
    expect(() =>
      store.writeUnit(() => {
        addMessage(store, 'b', 'second file, half done');
        throw new Error('database or disk is full');
      }),
    ).toThrow(GroupRolledBack);
    store.endGroup(); // nothing left to commit
    expect(connection(store).inTransaction).toBe(false);
    expect(connection(store).prepare('SELECT hash FROM messages').pluck().all()).toEqual(['before']);
    // Outside a group it is a transaction of its own: a failure leaves nothing behind.
    expect(() =>
      store.writeUnit(() => {
        addMessage(store, 'c', 'alone');
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(connection(store).prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(1);
    store.close();
  });

  it('refuses a second group and is a plain transaction outside one', async () => {
    const store = MemoryStore.open(storeFile());
    await store.inTransaction(async () => addMessage(store, 'a', 'alone'));
    expect(connection(store).inTransaction).toBe(false);
    store.beginGroup(10);
    expect(() => store.beginGroup(10)).toThrow(/already open/);
    store.endGroup();
    store.close();
  });
});

describe('the secret screen remembered per message', () => {
  const SECRET = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

  it('skips the patterns for text this version passed, and screens again what an older one did', async () => {
    const file = storeFile();
    const store = MemoryStore.open(file);
    const sourceId = insertExportSource(store, 'x.txt');
    const writer = new MessageWriter(store, sourceId, 0, 'now');
    writer.add({ role: 'user', text: 'plain words' }, undefined, true);
    writer.add({ role: 'user', text: `token ${SECRET}` }, undefined, false);
    writer.add({ role: 'user', text: `old screen ${SECRET}` }, undefined, true);
    const clean = connection(store).prepare('SELECT clean FROM messages ORDER BY id').pluck().all();
    expect(clean).toEqual([SECRET_SCREEN_VERSION, null, SECRET_SCREEN_VERSION]);
    // As if the third was passed by an older screen that missed this kind of token.
    connection(store)
      .prepare('UPDATE messages SET clean = ? WHERE id = 3')
      .run(SECRET_SCREEN_VERSION - 1);
    connection(store).exec("UPDATE occurrences SET checkpoint_id = 'cp'");
    const parts = await messagePartsOf(store, 'cp');
    expect({ added: parts.ids.length, redactions: parts.redactions }).toEqual({ added: 3, redactions: 2 });
    const written = parts.parts.join('');
    expect(written).not.toContain(SECRET);
    expect(written).toContain('plain words');
    store.close();
  });
});

describe('messages pending for the state file', () => {
  it('an older store that flagged them in messages.in_state keeps exactly those pending', () => {
    const file = storeFile();
    MemoryStore.open(file).close();
    const old = new Database(file);
    old.exec(`DROP TABLE state_pending;
      ALTER TABLE messages ADD COLUMN in_state INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX messages_not_in_state ON messages(id) WHERE in_state = 0;`);
    const insert = old.prepare(
      "INSERT INTO messages(hash, role, text, first_seen, in_state) VALUES (?, 'user', ?, 'now', ?)",
    );
    insert.run('h1', 'already in the file', 1);
    insert.run('h2', 'not yet written', 0);
    insert.run('h3', 'also in the file', 1);
    old.close();
    const store = MemoryStore.open(file);
    expect(connection(store).prepare('SELECT message_id FROM state_pending').pluck().all()).toEqual([2]);
    const index = connection(store)
      .prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages_not_in_state'")
      .pluck()
      .get();
    expect(index).toBe(0);
    store.close();
    // Opened again: the migration does not run twice (a pending set emptied since stays empty).
    const again = MemoryStore.open(file);
    connection(again).exec('DELETE FROM state_pending');
    again.close();
    const third = MemoryStore.open(file);
    expect(connection(third).prepare('SELECT COUNT(*) FROM state_pending').pluck().get()).toBe(0);
    third.close();
  });

  it('a new message is pending until a checkpoint appends it, then never appended again', async () => {
    const file = storeFile();
    const store = MemoryStore.open(file);
    const sourceId = insertExportSource(store, 'y.txt');
    const writer = new MessageWriter(store, sourceId, 0, 'now');
    writer.add({ role: 'user', text: 'one' });
    writer.add({ role: 'user', text: 'two' });
    writer.add({ role: 'user', text: 'one' });
    expect(connection(store).prepare('SELECT COUNT(*) FROM state_pending').pluck().get()).toBe(2);
    connection(store).exec("UPDATE occurrences SET checkpoint_id = 'cp'");
    expect((await appendUniqueMessages(store, 'cp')).added).toBe(2);
    expect(connection(store).prepare('SELECT COUNT(*) FROM state_pending').pluck().get()).toBe(0);
    expect((await appendUniqueMessages(store, 'cp')).added).toBe(0);
    store.close();
  });
});
