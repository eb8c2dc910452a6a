import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../../src-main/core/identity/content-hash';
import { searchMessages } from '../../src-main/core/memory/search-queries';
import { connection } from '../../src-main/core/memory/connection';
import { MemoryStore } from '../../src-main/core/memory/store';

export interface SearchBench {
  messages: number;
  buildMs: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * Full-text search over a store of `messages` messages (the real schema, FTS5 and query):
 * the time of `searchMessages` per query, 50th and 95th percentile, over random one- and
 * two-word queries drawn from the corpus vocabulary.
 */
export function benchSearch(messages = 1_000_000, queries = 300): SearchBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-search-bench-'));
  try {
    const store = MemoryStore.open(path.join(dir, 'bench.sqlite'));
    const vocab = Array.from({ length: 20_000 }, (_, i) => word(i));
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const t0 = performance.now();
    fill(store, messages, () =>
      Array.from(
        { length: 12 + Math.floor(rnd() * 30) },
        () => vocab[Math.floor(rnd() ** 2 * vocab.length)],
      ).join(' '),
    );
    const buildMs = performance.now() - t0;
    const times: number[] = [];
    for (let q = 0; q < queries; q++) {
      const words = Array.from({ length: 1 + (q % 2) }, () => vocab[Math.floor(rnd() * 2000)]).join(' ');
      const s = performance.now();
      searchMessages(store, words, 20);
      times.push(performance.now() - s);
    }
    store.close();
    times.sort((a, b) => a - b);
    return {
      messages,
      buildMs,
      queries,
      p50Ms: times[Math.floor(queries / 2)]!,
      p95Ms: times[Math.floor(queries * 0.95)]!,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fill(store: MemoryStore, n: number, text: () => string): void {
  const db = connection(store);
  const src = db
    .prepare(
      "INSERT INTO sources(kind, path, name, sha256, imported_at) VALUES ('export', 'bench', 'bench.txt', 'x', '')",
    )
    .run();
  const msg = db.prepare(
    'INSERT INTO messages(hash, role, text, first_seen, first_source_id) VALUES (?, ?, ?, ?, ?)',
  );
  const occ = db.prepare(
    'INSERT INTO occurrences(message_id, source_id, seq, duplicate) VALUES (?, ?, ?, 0)',
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const role = i % 2 ? 'assistant' : 'user';
      const t = `${text()} ${i}`;
      const id = msg.run(
        contentHash(role, t),
        role,
        t,
        '2026-01-01T00:00:00Z',
        src.lastInsertRowid,
      ).lastInsertRowid;
      occ.run(id, src.lastInsertRowid, i);
    }
  });
  for (let i = 0; i < n; i += 50_000) batch(i, Math.min(n, i + 50_000));
  store.catchUpSearchIndex();
}

/** Pronounceable distinct words: w0 → "ba", and so on. */
function word(i: number): string {
  const c = 'bcdfghjklmnprstvz';
  const v = 'aeiou';
  let s = '';
  let n = i + 1;
  while (n > 0) {
    s += c[n % c.length]! + v[Math.floor(n / c.length) % v.length]!;
    n = Math.floor(n / (c.length * v.length));
  }
  return s;
}
