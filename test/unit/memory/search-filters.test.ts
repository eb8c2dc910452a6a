/**
 * Search's filters on where a message occurred are answered from the ids of the messages that
 * pass them, found once per filter and kept while the store does not change (search-filter-sets.ts):
 * the results must stay those of checking each match's occurrences, as before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connection } from '../../../src-main/core/memory/connection';
import {
  pageDetails,
  searchMessages,
  type SearchFilters,
} from '../../../src-main/core/memory/search-queries';
import { kindExpression } from '../../../src-main/core/memory/parser-upgrade';
import { toFtsQuery } from '../../../src-main/core/memory/fts-query';
import { MemoryStore, ReadStore, type ReadStore as Store } from '../../../src-main/core/memory/store';
import { occurrencePlacesUpto } from '../../../src-main/core/memory/occurrence-places';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const PROJECTS = ['/p/atlas', '/p/hub', '/p/ledger'];
const AUTHORS = ['Ann <ann@example.com>', 'Bob <bob@example.com>'];
const MACHINES = ['ann-laptop', 'build-box', 'bob-desktop'];

/**
 * 6,000 messages (more than search checks one by one: FEW_MATCHES), each seen one to three times: in exports (no cwd, the source's project, the
 * import's date) and transcripts (their own cwd, sometimes another project than the source's),
 * in checkpoints of two authors on three machines or in none yet.
 */
function makeStore(): { file: string; store: MemoryStore } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-filters-'));
  dirs.push(dir);
  const file = path.join(dir, 'coditect.sqlite');
  const store = MemoryStore.open(file);
  const db = connection(store);
  db.transaction(() => {
    const src = db.prepare(
      'INSERT INTO sources(id, kind, path, name, project, imported_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let s = 0; s < 6; s++)
      src.run(
        s + 1,
        s % 2 ? 'transcript' : 'export',
        `/in/${s}`,
        `src-${s}`,
        PROJECTS[s % 3],
        `2026-0${1 + (s % 3)}-15T00:00:00Z`,
      );
    const cp = db.prepare(
      "INSERT INTO checkpoints(id, title, created_at, document, status, author, machine) VALUES (?, 't', 'now', '', 'written', ?, ?)",
    );
    for (let c = 0; c < 5; c++) cp.run(`cp${c}`, AUTHORS[c % 2], MACHINES[c % 3]);
    const msg = db.prepare(
      'INSERT INTO messages(id, hash, role, text, first_seen, first_source_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const occ = db.prepare(
      `INSERT INTO occurrences(message_id, source_id, seq, duplicate, session_id, timestamp, cwd, checkpoint_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const words = ['walrus', 'otter', 'heron'];
    for (let i = 1; i <= 6000; i++) {
      const role = ['user', 'assistant', 'tool_result'][i % 3]!;
      const kind = i % 7 === 0 ? 'command' : null;
      const text = `${words[i % 3]} ${i % 5 === 0 ? 'walrus walrus' : 'sea'} message ${i}`;
      msg.run(i, `h${i}`, role, text, 'now', 1 + (i % 6), kind);
      for (let k = 0; k <= i % 3; k++) {
        const s = (i + k * 2) % 6;
        const transcript = s % 2 === 1;
        occ.run(
          i,
          s + 1,
          i,
          k ? 1 : 0,
          transcript ? `session-${s}` : null,
          transcript ? `2026-0${1 + ((i + k) % 3)}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z` : null,
          transcript ? PROJECTS[(s + k) % 3] : null,
          (i + k) % 6 === 5 ? null : `cp${(i + k) % 5}`,
        );
      }
    }
  })();
  store.catchUpSearchIndex();
  return { file, store };
}

/** The ranking of the query before the filters' ids were kept: each match's occurrences checked. */
function checkedMatchByMatch(store: Store, query: string, f: SearchFilters): { id: number; rank: number }[] {
  const where = ['messages_fts MATCH @fts'];
  if (f.role) where.push('m.role = @role');
  if (f.kind) where.push(f.kind === 'ordinary' ? 'm.kind IS NULL' : 'm.kind = @kind');
  if (f.project || f.source || f.from || f.to)
    where.push(`EXISTS (SELECT 1 FROM occurrences o2 JOIN sources s2 ON s2.id = o2.source_id
      WHERE o2.message_id = messages_fts.rowid ${f.project ? 'AND COALESCE(o2.cwd, s2.project) LIKE @project' : ''}
      ${f.source ? 'AND s2.kind = @source' : ''} ${f.from ? 'AND COALESCE(o2.timestamp, s2.imported_at) >= @from' : ''}
      ${f.to ? 'AND COALESCE(o2.timestamp, s2.imported_at) <= @to' : ''})`);
  if (f.author || f.machine)
    where.push(`EXISTS (SELECT 1 FROM occurrences o3 JOIN checkpoints c3 ON c3.id = o3.checkpoint_id
      WHERE o3.message_id = messages_fts.rowid ${f.author ? 'AND c3.author LIKE @author' : ''} ${f.machine ? 'AND c3.machine LIKE @machine' : ''})`);
  return connection(store)
    .prepare(
      `SELECT messages_fts.rowid id, bm25(messages_fts) rank
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE ${where.join(' AND ')} ORDER BY rank, id`,
    )
    .all({
      fts: toFtsQuery(query),
      role: f.role,
      kind: f.kind === 'ordinary' ? undefined : f.kind,
      project: f.project ? `%${f.project}%` : undefined,
      source: f.source,
      from: f.from,
      to: f.to,
      author: f.author ? `%${f.author}%` : undefined,
      machine: f.machine ? `%${f.machine}%` : undefined,
    }) as { id: number; rank: number }[];
}

const FILTERS: SearchFilters[] = [
  {},
  { role: 'user' },
  { kind: 'ordinary' },
  { kind: 'command' },
  { project: 'atlas' },
  { project: 'hub', source: 'transcript' },
  { source: 'export' },
  { from: '2026-02-01', to: '2026-02-28T23:59:59.999Z' },
  { from: '2026-03-01' },
  { to: '2026-01-31' },
  { author: 'ann' },
  { machine: 'build' },
  { author: 'Bob', machine: 'desktop' },
  { role: 'assistant', kind: 'ordinary', project: 'hub' },
  { role: 'user', author: 'ann' },
  { kind: 'command', machine: 'build', from: '2026-02-01' },
  { project: 'ledger', author: 'ann', from: '2026-01-20' },
  { machine: 'nowhere' },
];

const sameAsChecked = (store: Store, query: string, f: SearchFilters) =>
  expect(
    searchMessages(store, query, 10_000, f).map((h) => ({ id: h.messageId, rank: h.rank })),
    `${query} ${JSON.stringify(f)}`,
  ).toEqual(checkedMatchByMatch(store, query, f));

describe('search filters', () => {
  it('give the results of checking each match, for every filter, more filters than are kept, and again', () => {
    const { store } = makeStore();
    for (let round = 0; round < 2; round++)
      for (const f of FILTERS) for (const q of ['message', 'walrus', 'her']) sameAsChecked(store, q, f);
    store.close();
  });

  it('on a read-only connection as the app’s', () => {
    const { file, store } = makeStore();
    store.close();
    const reader = ReadStore.openReadOnly(file);
    for (const f of FILTERS) for (const q of ['message', 'walrus']) sameAsChecked(reader, q, f);
    reader.close();
  });

  it('inside a writer’s transaction that rolls back, and after it', () => {
    const { store } = makeStore();
    const db = connection(store);
    const f = { author: 'ann', project: 'atlas' };
    expect(() =>
      db.transaction(() => {
        sameAsChecked(store, 'message', f);
        db.prepare('DELETE FROM occurrences WHERE message_id IN (7, 8, 9)').run();
        sameAsChecked(store, 'message', f);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    sameAsChecked(store, 'message', f);
    sameAsChecked(store, 'message', { machine: 'box' });
    store.close();
  });

  it('see what was written since, by the same connection or another one', () => {
    const { file, store } = makeStore();
    const reader = ReadStore.openReadOnly(file);
    const f = { project: 'zenith', author: 'Carol' };
    // "message": every message matches, the filter's ids are kept; "walrus": each match checked.
    const found = (s: Store) =>
      ['message', 'walrus'].map((q) => searchMessages(s, q, 10_000, f).map((h) => h.messageId));
    expect(found(store)).toEqual([[], []]);
    expect(found(reader)).toEqual([[], []]);
    const db = connection(store);
    db.prepare(
      "INSERT INTO checkpoints(id, title, created_at, document, status, author, machine) VALUES ('cp9', 't', 'now', '', 'written', 'Carol <c@example.com>', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO occurrences(message_id, source_id, seq, duplicate, cwd, checkpoint_id) VALUES (5, 2, 1, 1, '/p/zenith', 'cp9')",
    ).run();
    expect(found(store)).toEqual([[5], [5]]);
    expect(found(reader)).toEqual([[5], [5]]);
    sameAsChecked(reader, 'message', f);
    reader.close();
    store.close();
  });

  it('read only the sources the summary of where occurrences are names, stale or caught up', () => {
    const { file, store } = makeStore();
    const db = connection(store);
    const maxId = () => db.prepare('SELECT MAX(id) FROM occurrences').pluck().get() as number;
    expect(occurrencePlacesUpto(db)).toBe(maxId());
    const reader = ReadStore.openReadOnly(file);
    const more: SearchFilters[] = [
      ...FILTERS,
      { project: 'zenith' },
      { project: 'yonder' },
      { from: '2027-01-01' },
      { to: '2025-12-31' },
      { project: 'zenith', from: '2027-05-01', to: '2027-05-31' },
      { role: 'user', project: 'yonder', source: 'export' },
    ];
    const all = () => {
      for (const f of more) {
        for (const q of ['message', 'walrus']) sameAsChecked(store, q, f);
        sameAsChecked(reader, 'message', f);
      }
    };
    all();
    // Written after the summary's catch-up: an existing source in another cwd and at a later
    // date, and a new source whose occurrences have neither (its project and import date count).
    db.prepare(
      "INSERT INTO sources(id, kind, path, name, project, imported_at) VALUES (7, 'export', '/in/7', 'src-7', '/p/yonder', '2027-06-01T00:00:00Z')",
    ).run();
    const occ = db.prepare(
      'INSERT INTO occurrences(message_id, source_id, seq, duplicate, timestamp, cwd) VALUES (?, ?, ?, 1, ?, ?)',
    );
    for (let i = 10; i < 6000; i += 7) occ.run(i, 2, 10_000 + i, '2027-05-02T00:00:00Z', '/p/zenith');
    for (let i = 12; i < 6000; i += 5) occ.run(i, 7, i, null, null);
    expect(occurrencePlacesUpto(db)).toBeLessThan(maxId());
    all();
    store.catchUpSearchIndex();
    expect(occurrencePlacesUpto(db)).toBe(maxId());
    all();
    reader.close();
    store.close();
  });

  it('without the summary (a store no writer of this version opened), and built at a writer’s open', () => {
    const { file, store } = makeStore();
    const db = connection(store);
    const rows = db.prepare('SELECT * FROM occurrence_places ORDER BY source_id, cwd').all();
    db.exec("DROP TABLE occurrence_places; DELETE FROM meta WHERE key = 'places.upto'");
    store.close();
    const reader = ReadStore.openReadOnly(file);
    for (const f of FILTERS) sameAsChecked(reader, 'message', f);
    reader.close();
    const writer = MemoryStore.open(file);
    expect(
      connection(writer).prepare('SELECT * FROM occurrence_places ORDER BY source_id, cwd').all(),
    ).toEqual(rows);
    for (const f of FILTERS) sameAsChecked(writer, 'message', f);
    writer.close();
  });

  it('give the same page details looked up hit by hit as in one pass over the matches', () => {
    const { store } = makeStore();
    const kind = kindExpression(store);
    for (const q of ['message', 'walrus', 'her', 'sea wal', '"walrus walrus"', 'otter messa'])
      for (const f of FILTERS) {
        const ids = searchMessages(store, q, 100, f).map((h) => h.messageId);
        if (!ids.length) continue;
        const fts = toFtsQuery(q)!;
        const byId = (oneByOne: boolean) =>
          pageDetails(store, fts, kind, ids, oneByOne).sort((a, b) => a.messageId - b.messageId);
        expect(byId(true), `${q} ${JSON.stringify(f)}`).toEqual(byId(false));
        expect(byId(true)).toHaveLength(ids.length);
      }
    store.close();
  });
});
