/**
 * A transcript is one store unit either way: gathered and written in one go (small: no
 * savepoint) or written as it streams in (large: a savepoint). Real files, a real store, the
 * real inline parser; a failure halfway is the parser's own 'failed' event, passed on after
 * the first real chunk of items.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FoundFile } from '../../../src-main/core/discovery/types';
import { connection } from '../../../src-main/core/memory/connection';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { importFile } from '../../../src-main/core/pipeline/import-file';
import { inlineParser, type SourceParser } from '../../../src-main/core/pipeline/source-parser';
import { foundTranscript } from '../../helpers/store-rows';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-units-'));
  dirs.push(dir);
  return dir;
}

/** `n` exchanges of about `bytes` each, as Claude Code writes them. */
function transcript(file: string, n: number, bytes: number): FoundFile {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = {
      sessionId: 'sess-1',
      cwd: '/home/u/p',
      timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
    };
    lines.push(
      JSON.stringify({
        type: 'user',
        uuid: `u${i}`,
        parentUuid: i ? `a${i - 1}` : null,
        ...base,
        message: { role: 'user', content: `question ${i}` },
      }),
    );
    const text = `answer ${i} `.padEnd(bytes, 'lorem ipsum ');
    lines.push(
      JSON.stringify({
        type: 'assistant',
        uuid: `a${i}`,
        parentUuid: `u${i}`,
        ...base,
        message: { id: `m${i}`, role: 'assistant', content: [{ type: 'text', text }] },
      }),
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return foundTranscript(file);
}

/** The inline parser's real events, cut by a failure after the first chunk of items. */
const failingAfterFirstChunk: SourceParser = {
  async *events(job) {
    for await (const ev of inlineParser.events(job)) {
      yield ev;
      if (ev.type === 'items') {
        yield { type: 'failed', reason: 'vanished while it was read' };
        return;
      }
    }
  },
  describe: () => 'inline, failing',
  close: async () => {},
};

function counts(store: MemoryStore) {
  const q = (sql: string) => connection(store).prepare(sql).pluck().get() as number;
  return {
    sources: q('SELECT COUNT(*) FROM sources'),
    messages: q('SELECT COUNT(*) FROM messages'),
    occurrences: q('SELECT COUNT(*) FROM occurrences'),
  };
}

describe('a transcript as one store unit', () => {
  it('a small one is imported whole inside a commit group', async () => {
    const dir = tempDir();
    const store = MemoryStore.open(path.join(dir, 'index.sqlite'));
    store.beginGroup(1 << 30);
    const r = await importFile(store, transcript(path.join(dir, 'small.jsonl'), 20, 500));
    store.endGroup();
    expect(r.status).toBe('imported');
    expect(counts(store)).toEqual({ sources: 1, messages: 40, occurrences: 40 });
    store.close();
  });

  it('a large one that fails halfway is undone alone; the group keeps the file before it', async () => {
    const dir = tempDir();
    const store = MemoryStore.open(path.join(dir, 'index.sqlite'));
    store.beginGroup(1 << 30);
    expect((await importFile(store, transcript(path.join(dir, 'before.jsonl'), 5, 200))).status).toBe(
      'imported',
    );
    const large = transcript(path.join(dir, 'large.jsonl'), 1200, 5000);
    expect(large.size).toBeGreaterThan(4 * 1024 * 1024);
    const r = await importFile(store, large, failingAfterFirstChunk);
    store.endGroup();
    expect(r).toMatchObject({ status: 'failed', reason: 'vanished while it was read' });
    expect(counts(store)).toEqual({ sources: 1, messages: 10, occurrences: 10 });
    store.close();
  });

  it('a small one that fails is not written at all, and the group goes on', async () => {
    const dir = tempDir();
    const store = MemoryStore.open(path.join(dir, 'index.sqlite'));
    store.beginGroup(1 << 30);
    const r = await importFile(
      store,
      transcript(path.join(dir, 'small.jsonl'), 20, 500),
      failingAfterFirstChunk,
    );
    expect(r.status).toBe('failed');
    expect((await importFile(store, transcript(path.join(dir, 'next.jsonl'), 3, 100))).status).toBe(
      'imported',
    );
    store.endGroup();
    expect(counts(store).sources).toBe(1);
    store.close();
  });
});
