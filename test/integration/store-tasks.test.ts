/** The background store tasks (src-main/node/store-task-worker.ts) on a real store, in real worker threads. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connection } from '../../src-main/core/memory/connection';
import { MemoryStore } from '../../src-main/core/memory/store';
import { searchMessages } from '../../src-main/core/memory/search-queries';
import { unindexedCount } from '../../src-main/core/memory/search-index';
import { backgroundStoreTasks } from '../../src-main/node/store-tasks';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-wal-'));
  dirs.push(dir);
  return dir;
}

describe('checkpointWal in the background', () => {
  it('copies the log into the database file while the writer keeps its connection (and goes on writing)', async () => {
    const file = path.join(tempDir(), 'coditect.sqlite');
    const store = MemoryStore.open(file);
    const insert = connection(store).prepare(
      "INSERT INTO messages(hash, role, text, first_seen) VALUES (?, 'assistant', ?, 'now')",
    );
    connection(store).transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`h${i}`, `message ${i} `.repeat(400));
    })();
    const before = fs.statSync(file).size;
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(5_000_000);

    const copying = backgroundStoreTasks.checkpointWal(file);
    insert.run('during', 'written while the copy runs');
    expect(await copying).toBeNull();

    expect(fs.statSync(file).size).toBeGreaterThan(before + 5_000_000);
    const count = connection(store).prepare('SELECT COUNT(*) FROM messages').pluck().get();
    expect(count).toBe(2001);
    store.close();
  });

  it('reports a store it cannot open instead of failing the run', async () => {
    const problem = await backgroundStoreTasks.checkpointWal(path.join(tempDir(), 'missing.sqlite'));
    expect(problem).toMatch(/background WAL checkpoint failed/);
  });
});

describe('indexSearch in the background', () => {
  it("makes what the writer committed searchable, seen by the writer's own connection", async () => {
    const file = path.join(tempDir(), 'coditect.sqlite');
    const store = MemoryStore.open(file);
    const insert = connection(store).prepare(
      "INSERT INTO messages(hash, role, text, first_seen) VALUES (?, 'assistant', ?, 'now')",
    );
    connection(store).transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`h${i}`, `narwhal number ${i}`);
    })();
    expect(searchMessages(store, 'narwhal', 1000)).toHaveLength(0);

    // The writer keeps reading while the other connection writes the index.
    const indexing = backgroundStoreTasks.indexSearch(file);
    expect(connection(store).prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(500);
    expect(await indexing).toBeNull();

    expect(unindexedCount(connection(store))).toBe(0);
    expect(searchMessages(store, 'narwhal', 1000)).toHaveLength(500);
    expect(store.catchUpSearchIndex()).toBe(0);
    store.close();
  });

  it('reports a store it cannot open instead of failing the run', async () => {
    const problem = await backgroundStoreTasks.indexSearch(path.join(tempDir(), 'missing.sqlite'));
    expect(problem).toMatch(/background search indexing failed/);
  });
});
