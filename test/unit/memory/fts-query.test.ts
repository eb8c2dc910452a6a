/**
 * The search syntax (`a OR b`, "exact phrase", -word / NOT, word*) translated to FTS5, and run
 * against a real SQLite store: the right messages come back, operators are never searched as
 * words (so snippets never show "[and]" or "[NOT]"), and an invalid query says what is wrong.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidSearchQuery, parseSearchQuery, toFtsQuery } from '../../../src-main/core/memory/fts-query';
import { searchMessages } from '../../../src-main/core/memory/search-queries';
import { connection } from '../../../src-main/core/memory/connection';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function storeWith(texts: string[]): MemoryStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-fts-'));
  dirs.push(dir);
  const store = MemoryStore.open(path.join(dir, 'coditect.sqlite'));
  const insert = connection(store).prepare(
    "INSERT INTO messages(hash, role, text, first_seen) VALUES (?, 'assistant', ?, 'now')",
  );
  texts.forEach((t, i) => insert.run(`h${i}`, t));
  store.catchUpSearchIndex();
  return store;
}

const TEXTS = [
  'the parser reads the export and the transcript', // 0
  'the cache is warm and the search is fast', // 1
  'a draft of the import plan', // 2
  'the final import plan, reviewed', // 3
  'plan the import later', // 4
  'configuration of the webpack bundler', // 5
];

function found(store: MemoryStore, q: string): number[] {
  return searchMessages(store, q, 50)
    .map((h) => Number(h.hash.slice(1)))
    .sort((a, b) => a - b);
}

describe('the search syntax, translated to FTS5', () => {
  it('quotes every word and joins them with AND; the word being typed matches its beginning', () => {
    expect(toFtsQuery('import plan')).toBe('"import" AND "plan"*');
    expect(toFtsQuery('import plan ')).toBe('"import" AND "plan"');
  });

  it('keeps OR, phrases, exclusions and explicit prefixes', () => {
    expect(toFtsQuery('cache OR parser ')).toBe('("cache" OR "parser")');
    expect(toFtsQuery('"import plan"')).toBe('"import plan"');
    expect(toFtsQuery('plan -draft')).toBe('("plan") NOT "draft"');
    expect(toFtsQuery('plan NOT draft ')).toBe('("plan") NOT "draft"');
    expect(toFtsQuery('conf* bundler ')).toBe('"conf"* AND "bundler"');
  });

  it('treats "and"/AND as glue, never as a word to find', () => {
    expect(toFtsQuery('cache and search ')).toBe('"cache" AND "search"');
    expect(toFtsQuery('cache AND search ')).toBe('"cache" AND "search"');
  });

  it('keeps punctuation from breaking the query', () => {
    expect(toFtsQuery('src/main.ts ')).toBe('"src main ts"');
    expect(toFtsQuery('a:b^c ')).toBe('"a b c"');
  });

  it('says what is wrong with a query that cannot mean anything', () => {
    const problem = (q: string) => {
      const p = parseSearchQuery(q);
      return p.kind === 'invalid' ? p.problem : `not invalid: ${JSON.stringify(p)}`;
    };
    expect(problem('"import plan')).toMatch(/quotation mark is not closed/);
    expect(problem('OR plan')).toMatch(/OR needs a word on each side/);
    expect(problem('plan OR')).toMatch(/OR needs a word on each side/);
    expect(problem('-draft')).toMatch(/Every word is excluded/);
    expect(problem('NOT draft')).toMatch(/Every word is excluded/);
    expect(problem('plan NOT')).toMatch(/NOT needs a word after it/);
    expect(problem('OR AND')).toMatch(/Type a word to look for/);
    expect(() => toFtsQuery('"x')).toThrow(InvalidSearchQuery);
    expect(parseSearchQuery('   ')).toEqual({ kind: 'empty' });
  });
});

describe('the search syntax against a real store', () => {
  it('finds what each operator means', () => {
    const store = storeWith(TEXTS);
    expect(found(store, 'cache OR parser ')).toEqual([0, 1]);
    expect(found(store, '"import plan" ')).toEqual([2, 3]);
    expect(found(store, 'plan import ')).toEqual([2, 3, 4]);
    expect(found(store, 'plan -draft ')).toEqual([3, 4]);
    expect(found(store, 'plan NOT draft NOT later ')).toEqual([3]);
    expect(found(store, 'conf* ')).toEqual([5]);
    expect(found(store, 'conf ')).toEqual([]);
    expect(found(store, '"import plan" OR bundler ')).toEqual([2, 3, 5]);
    store.close();
  });

  it('never highlights an operator in a snippet', () => {
    const store = storeWith(TEXTS);
    for (const q of ['cache and search', 'cache AND search', 'cache NOT parser', 'cache OR parser']) {
      const hits = searchMessages(store, q, 50);
      expect(hits.length, q).toBeGreaterThan(0);
      for (const h of hits) expect(h.snippet, q).not.toMatch(/\[(and|AND|NOT|not|OR|or)\]/);
    }
    store.close();
  });

  it('refuses an invalid query with its reason instead of returning nothing', () => {
    const store = storeWith(TEXTS);
    expect(() => searchMessages(store, '"import plan', 50)).toThrow(/quotation mark is not closed/);
    store.close();
  });
});
