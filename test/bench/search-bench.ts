import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../../src-main/core/identity/content-hash';
import type { MessageKind, Role } from '../../src-main/core/model';
import { searchMessages, type SearchFilters } from '../../src-main/core/memory/search-queries';
import { connection } from '../../src-main/core/memory/connection';
import { MemoryStore, ReadStore } from '../../src-main/core/memory/store';

/** What the app's Search view sends: 100 results (the palette asks 12, the CLI 20). */
export const SEARCH_VIEW_LIMIT = 100;

export type SearchFn = (store: ReadStore, query: string, limit: number, f: SearchFilters) => unknown[];

export interface Percentiles {
  queries: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface SearchBench {
  messages: number;
  buildMs: number;
  queries: number;
  /** One row per query kind, unfiltered then with the app's filters ("rare word + filters"). */
  kinds: Record<string, Percentiles>;
  overall: Percentiles;
  /** With more than one function (an A/B run): the same, per function, keyed by its name. */
  byFunction: Record<string, { kinds: Record<string, Percentiles>; overall: Percentiles }>;
  /** Per function, the queries whose results differed from the first function's (A/B runs). */
  mismatches: Record<string, string[]>;
}

export interface SearchBenchOptions {
  /** Keep the built store in this file and reuse it when it holds as many messages. */
  storeFile?: string;
  /** Functions to time, interleaved query by query over the same store (default: the real one). */
  functions?: Record<string, SearchFn>;
  limit?: number;
  /**
   * Before timing, one common word with each filter set: the store's filter ids are then found
   * (search-filter-sets.ts), as in an app whose Search view has used these filters already.
   */
  warmFilters?: boolean;
}

/** What a person types, by kind (see fts-query.ts: the last word typed also matches as a prefix). */
export const QUERY_KINDS = ['rare word', 'common word', 'two words', 'phrase', 'prefix'] as const;
type QueryKind = (typeof QUERY_KINDS)[number];

/** The filters of the Search view (role, who said it, project, source, dates, author, machine). */
const FILTER_SETS: SearchFilters[] = [
  { role: 'user' },
  { kind: 'ordinary' },
  { source: 'transcript', project: 'atlas' },
  { author: 'alice' },
  { machine: 'build' },
  { from: '2026-02-01', to: '2026-02-28T23:59:59.999Z' },
  { role: 'assistant', kind: 'ordinary', project: 'hub' },
];

interface Query {
  kind: string;
  text: string;
  filters: SearchFilters;
}

/**
 * Full-text search over a store of `messages` messages (the real schema, FTS5 and query, through
 * a read-only connection as the app's): the time of `searchMessages` per query, by kind of query
 * (a rare word, a common word, two words, a quoted phrase, a prefix, each alone and with the
 * Search view's filters), 50th, 95th and 99th percentile.
 */
export function benchSearch(messages = 1_000_000, queries = 500, opts: SearchBenchOptions = {}): SearchBench {
  const dir = opts.storeFile ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-search-bench-'));
  const file = opts.storeFile ?? path.join(dir!, 'bench.sqlite');
  try {
    const t0 = performance.now();
    const built = buildStore(file, messages);
    const buildMs = built.reused ? Number.NaN : performance.now() - t0;
    const functions = opts.functions ?? { current: searchMessages as SearchFn };
    const limit = opts.limit ?? SEARCH_VIEW_LIMIT;
    const list = queryMix(built.samples, queries);
    const store = ReadStore.openReadOnly(file);
    const names = Object.keys(functions);
    const times: Record<string, Record<string, number[]>> = {};
    const mismatches: Record<string, string[]> = {};
    for (const n of names) {
      times[n] = {};
      mismatches[n] = [];
    }
    try {
      // Warm up as the app's long-lived connection is: page cache, prepared statements, titles.
      for (const q of list.slice(0, 10))
        for (const n of names) functions[n]!(store, q.text, limit, q.filters);
      if (opts.warmFilters)
        for (const f of FILTER_SETS) for (const n of names) functions[n]!(store, VOCAB[0]!, limit, f);
      list.forEach((q, i) => {
        // Alternate which function goes first, so neither always finds the cache the other warmed.
        const order = i % 2 ? [...names].reverse() : names;
        const results: Record<string, unknown[]> = {};
        for (const n of order) {
          const s = performance.now();
          results[n] = functions[n]!(store, q.text, limit, q.filters);
          (times[n]![q.kind] ??= []).push(performance.now() - s);
        }
        const first = JSON.stringify(results[names[0]!]);
        for (const n of names.slice(1))
          if (JSON.stringify(results[n]) !== first)
            mismatches[n]!.push(`${q.kind}: ${q.text} ${JSON.stringify(q.filters)}`);
      });
    } finally {
      store.close();
    }
    const byFunction: SearchBench['byFunction'] = {};
    for (const n of names) {
      const kinds: Record<string, Percentiles> = {};
      for (const k of QUERY_KINDS)
        for (const key of [k, `${k} + filters`])
          if (times[n]![key]) kinds[key] = percentiles(times[n]![key]!);
      byFunction[n] = { kinds, overall: percentiles(Object.values(times[n]!).flat()) };
    }
    const main = byFunction[names[0]!]!;
    return {
      messages,
      buildMs,
      queries: list.length,
      kinds: main.kinds,
      overall: main.overall,
      byFunction,
      mismatches,
    };
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
  return { queries: s.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}

/** `p50 x, p95 y, p99 z` in milliseconds. */
export function formatPercentiles(p: Percentiles): string {
  return `p50 ${p.p50Ms.toFixed(1)}, p95 ${p.p95Ms.toFixed(1)}, p99 ${p.p99Ms.toFixed(1)} ms`;
}

const VOCAB = Array.from({ length: 20_000 }, (_, i) => word(i));

/**
 * mulberry32: uniform in [0, 1). (The LCG used before multiplied in floating point, lost bits and
 * cycled after 10,466 draws: the "1,000,000 messages" were the same few hundred texts again.)
 */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * `total` queries, the same number of each kind, half of them with one of the Search view's
 * filter sets. Words are drawn from the generated vocabulary: the first ones are the most
 * frequent (a "common" word is in about one message in six), the last ones the rarest (a few
 * hundred messages); phrases are two words that follow each other in a generated message.
 */
function queryMix(samples: string[], total: number): Query[] {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Query[] = [];
  const per = Math.max(2, Math.round(total / QUERY_KINDS.length));
  for (let i = 0; i < per; i++)
    for (const kind of QUERY_KINDS) {
      const filtered = i % 2 === 1;
      const text = queryText(kind, rnd, samples);
      out.push({
        kind: filtered ? `${kind} + filters` : kind,
        text,
        filters: filtered ? pick(FILTER_SETS) : {},
      });
    }
  return out;
}

function queryText(kind: QueryKind, rnd: () => number, samples: string[]): string {
  const from = (a: number, b: number) => VOCAB[a + Math.floor(rnd() * (b - a))]!;
  switch (kind) {
    case 'rare word':
      return from(15_000, 20_000);
    case 'common word':
      return from(0, 40);
    case 'two words':
      return `${from(0, 2000)} ${from(0, 2000)}`;
    case 'phrase': {
      const words = samples[Math.floor(rnd() * samples.length)]!.split(' ');
      const at = Math.floor(rnd() * (words.length - 2));
      return `"${words[at]} ${words[at + 1]}"`;
    }
    case 'prefix':
      return `${from(0, 4000).slice(0, 3)}*`;
  }
}

const PROJECTS = [
  'atlas',
  'hub',
  'ledger',
  'mosaic',
  'orbit',
  'pylon',
  'quarry',
  'relay',
  'signal',
  'tundra',
  'vault',
  'zenith',
];
const AUTHORS = [
  'Alice Martin <alice@example.com>',
  'Bob Okafor <bob@example.com>',
  'Chen Wei <chen@example.org>',
  'Dana Ruiz <dana@example.net>',
];
const MACHINES = ['alice-laptop', 'build-server', 'bob-desktop', 'chen-mbp', 'dana-thinkpad'];
const SOURCES = 1600;
const CHECKPOINTS = 60;
/** Changes with the generator, so that a kept store made by another one is built again. */
const BENCH_KEY = 'bench.messages.v2';

/**
 * The store: `n` messages in 1,600 sources (a quarter exports, the rest transcripts of one
 * session each, in 12 projects), 60 checkpoints by 4 authors on 5 machines (the newest messages
 * in none yet), one message in ten seen twice; roles and kinds in the proportions of a real
 * memory (40% user, 50% assistant, tool results and system; a fifth of the user's messages are
 * commands, agent prompts or notifications). Reused when `file` already holds such a store.
 */
function buildStore(file: string, n: number): { reused: boolean; samples: string[] } {
  if (fs.existsSync(file)) {
    // Read-only: a writer would upgrade the store's schema, and an A/B run times the old one.
    const store = ReadStore.openReadOnly(file);
    try {
      if (store.getMeta(BENCH_KEY) === String(n))
        return { reused: true, samples: JSON.parse(store.getMeta('bench.samples')!) as string[] };
    } finally {
      store.close();
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const store = MemoryStore.open(file);
  const samples: string[] = [];
  const rnd = random(99);
  fill(store, n, (i) => {
    const t = Array.from(
      { length: 12 + Math.floor(rnd() * 30) },
      () => VOCAB[Math.floor(rnd() ** 2 * VOCAB.length)],
    ).join(' ');
    if (i % 5000 === 0) samples.push(t);
    return t;
  });
  store.setMeta('bench.samples', JSON.stringify(samples));
  store.setMeta(BENCH_KEY, String(n));
  store.close();
  return { reused: false, samples };
}

function roleAndKind(i: number): { role: Role; kind: MessageKind | null } {
  const r = (i * 7919) % 100;
  if (r < 40) {
    const k = r % 20;
    return { role: 'user', kind: k < 2 ? 'command' : k < 3 ? 'agent-prompt' : k < 4 ? 'notification' : null };
  }
  if (r < 90) return { role: 'assistant', kind: null };
  if (r < 95) return { role: 'tool_result', kind: null };
  return { role: 'system', kind: r < 97 ? 'marker' : r < 98 ? 'compaction-summary' : null };
}

function fill(store: MemoryStore, n: number, text: (i: number) => string): void {
  const db = connection(store);
  const perSource = Math.max(1, Math.ceil(n / SOURCES));
  const perCheckpoint = Math.max(1, Math.ceil(n / CHECKPOINTS));
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const at = (i: number) => new Date(t0 + i * 6000).toISOString();
  const sourceIds: number[] = [];
  db.transaction(() => {
    const src = db.prepare(
      'INSERT INTO sources(kind, path, name, sha256, project, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let s = 0; s < SOURCES; s++) {
      const kind = s % 4 === 0 ? 'export' : 'transcript';
      const project = `/home/dev/PROJECTS/${PROJECTS[s % PROJECTS.length]}`;
      const name = kind === 'export' ? `export-${s}.txt` : `session-${s}.jsonl`;
      sourceIds.push(
        Number(
          src.run(
            kind,
            `${project}/${name}`,
            name,
            kind === 'export' ? `sha-${s}` : null,
            project,
            at(s * perSource),
          ).lastInsertRowid,
        ),
      );
    }
    const cp = db.prepare(
      "INSERT INTO checkpoints(id, title, created_at, document, status, author, machine) VALUES (?, ?, ?, '', 'written', ?, ?)",
    );
    for (let c = 0; c < CHECKPOINTS; c++)
      cp.run(
        checkpointId(c),
        `Checkpoint ${c}`,
        at((c + 1) * perCheckpoint),
        AUTHORS[c % 4],
        MACHINES[(c * 3) % 5],
      );
  })();
  const msg = db.prepare(
    'INSERT INTO messages(hash, role, text, first_seen, first_source_id, kind) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const occ = db.prepare(
    `INSERT INTO occurrences(message_id, source_id, seq, duplicate, uuid, session_id, timestamp, cwd, checkpoint_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const occurrence = (id: number | bigint, s: number, i: number, duplicate: number, c: number) => {
    const transcript = s % 4 !== 0;
    occ.run(
      id,
      sourceIds[s],
      i,
      duplicate,
      transcript ? `u-${i}-${duplicate}` : null,
      transcript ? `session-${s}` : null,
      transcript ? at(i) : null,
      transcript ? `/home/dev/PROJECTS/${PROJECTS[s % PROJECTS.length]}` : null,
      // The newest messages are in no checkpoint yet (the next run takes them).
      c < CHECKPOINTS - 1 ? checkpointId(c) : null,
    );
  };
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const { role, kind } = roleAndKind(i);
      const s = Math.floor(i / perSource);
      const c = Math.floor(i / perCheckpoint);
      const t = `${text(i)} ${i}`;
      const id = msg.run(contentHash(role, t), role, t, at(i), sourceIds[s], kind).lastInsertRowid;
      occurrence(id, s, i, 0, c);
      // One message in ten is seen again, in another source of a later checkpoint.
      if (i % 10 === 3) occurrence(id, (s + 37) % SOURCES, i, 1, Math.min(CHECKPOINTS - 1, c + 1));
    }
  });
  for (let i = 0; i < n; i += 50_000) batch(i, Math.min(n, i + 50_000));
  store.catchUpSearchIndex();
}

function checkpointId(c: number): string {
  return `2026-01-${String(1 + (c % 28)).padStart(2, '0')}T00-00-00Z-cp${c}`;
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
