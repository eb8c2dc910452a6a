import type { MessageKind, Role } from '../model';
import { kindExpression } from './parser-upgrade';
import { toFtsQuery } from './fts-query';
import { sessionTitles } from './session-queries';
import { filterSet, filterSetSize } from './search-filter-sets';
import { connection, statement } from './connection';
import type { ReadStore } from './store';
import { occurrencePlacesUpto } from './occurrence-places';

export interface SearchFilters {
  role?: Role;
  project?: string;
  source?: 'export' | 'transcript';
  from?: string;
  to?: string;
  /** Only messages of this kind; `ordinary`: only what the person and Claude said themselves. */
  kind?: MessageKind | 'ordinary';
  /** Only messages that occur in a checkpoint whose author (`Name <email>`) contains this. */
  author?: string;
  /** Only messages that occur in a checkpoint made on a machine whose name contains this. */
  machine?: string;
}

export interface SearchHit {
  messageId: number;
  hash: string;
  role: Role;
  /** Who said it, when not an ordinary message. */
  kind: MessageKind | null;
  snippet: string;
  rank: number;
  occurrences: number;
  firstSource: string | null;
  project: string | null;
  checkpointId: string | null;
  sessionId: string | null;
  /** The session's title (its first real prompt), shown instead of its file name. */
  sessionTitle: string | null;
  timestamp: string | null;
}

/**
 * Ranking reads the positions of every hit it ranks (bm25), and a word in one message in six
 * has 150,000 hits in a million messages: measured 80-640 ms to rank them all on a 2-core
 * machine. Past this many matches (after the filters), the best are taken among the newest.
 */
export const RANKED_MATCHES = 10_000;

/** Up to this many matches, a filter's ids are not looked for (see searchMessages). */
const FEW_MATCHES = 5000;

/**
 * Full-text search over every unique message, best first (bm25; among the newest
 * RANKED_MATCHES matches when there are more); snippets mark hits with [ ].
 */
export function searchMessages(
  store: ReadStore,
  query: string,
  limit = 20,
  f: SearchFilters = {},
): SearchHit[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  const where: string[] = ['messages_fts MATCH @fts'];
  const roleKind: string[] = [];
  if (f.role) roleKind.push('m.role = @role');
  const kind = kindExpression(store);
  if (f.kind) roleKind.push(f.kind === 'ordinary' ? `${kind} IS NULL` : `${kind} = @kind`);
  const params = {
    fts,
    limit,
    ranked: RANKED_MATCHES,
    role: f.role,
    project: f.project ? `%${f.project}%` : undefined,
    source: f.source,
    kind: f.kind === 'ordinary' ? undefined : f.kind,
    from: f.from,
    to: f.to,
    author: f.author ? `%${f.author}%` : undefined,
    machine: f.machine ? `%${f.machine}%` : undefined,
    placesUpto: 0,
  };
  const places = hasOccurrencePlaces(store);
  if (places) params.placesUpto = occurrencePlacesUpto(connection(store));
  const filters = occurrenceFiltersOf(f, places);
  // A query with few matches checks them one by one (5,000 checks: 15-35 ms over a million
  // messages) unless the filter's ids are at hand: finding them takes 90-200 ms.
  const few = filters.length > 0 && matchesAtMost(store, fts, FEW_MATCHES);
  // The role and kind go into the ids kept too: one lookup per match instead of two
  // (assistant + ordinary + a project, a common word: 59 -> 52 ms; user + an author 44 -> 33).
  const merge = !few && filters.length > 0 && roleKind.length > 0;
  const kept = filters.map((o, i) => (i === 0 && merge ? withRoleKind(store, o, f, roleKind) : o));
  const setOf = (i: number, build: boolean) =>
    filterSet(
      store,
      kept[i]!.key,
      `SELECT ${kept[i]!.id} ${kept[i]!.select} ${kept[i]!.narrow ?? ''}`,
      params,
      build,
    );
  // The ids of each filter, found once and kept (filterSet), unless the matches are few.
  const tables = kept.map((_, i) => setOf(i, !few));
  const conditions = tables.map((table, i) => (table ? inSet(table) : checkEach(kept[i]!)));
  // A filter that keeps few messages: the ranking's pass may walk most matches (see deepPage).
  const selective = tables.some((t) => t !== null && filterSetSize(store, t) <= SELECTIVE * newestId(store));
  const { top, kept: keptCount } = rankNewest(
    store,
    [...where, ...(merge ? [] : roleKind), ...conditions],
    !merge && roleKind.length > 0,
    params,
    selective,
  );
  if (!top.length) return [];
  // Then the snippets and where each was seen, for the page only.
  const rows = pageDetails(
    store,
    fts,
    kind,
    top.map((t) => t.id),
    selective && keptCount >= RANKED_MATCHES && lookedUpCheaply(fts),
  );
  const byId = new Map(rows.map((r) => [r.messageId, r]));
  // Hits often share a session: each title is looked up once while the store does not change.
  const titleOf = sessionTitles(store);
  return top.flatMap(({ id, rank }) => {
    const h = byId.get(id);
    if (!h) return [];
    const { messageId, hash, role, kind: k, snippet, ...rest } = h;
    return [
      {
        messageId,
        hash,
        role,
        kind: k,
        snippet,
        rank,
        ...rest,
        sessionTitle: h.sessionId ? titleOf(h.sessionId) : null,
      },
    ];
  });
}

interface OccurrenceFilter {
  key: string;
  /** The message's id in `select`'s rows. */
  id: string;
  /** `FROM … WHERE 1 AND …`: the occurrences that pass the filter. */
  select: string;
  /**
   * `AND …`: the same occurrences, read only where they may be (occurrence-places.ts), when its
   * ids are found all at once. Not for one match's check: that reads the match's occurrences.
   */
  narrow?: string;
}

/**
 * A filter on where a message occurred is true for a message when one of its occurrences
 * passes. The sources and checkpoints that pass are few rows, listed once per statement (`IN`):
 * a join per occurrence cost 2.2 times as much to find a filter's ids (author, 247 -> 112 ms
 * over a million messages, through the index of checkpoints) and a third more per match checked.
 * Each occurrence has its source (foreign key): `IN (SELECT id FROM sources)` keeps that of the
 * join where the occurrence's own column decides.
 */
function occurrenceFiltersOf(f: SearchFilters, places: boolean): OccurrenceFilter[] {
  const out: OccurrenceFilter[] = [];
  const own = (column: string, onSource: string, test: (c: string) => string) =>
    `AND CASE WHEN o2.${column} IS NULL THEN o2.source_id IN (SELECT id FROM sources WHERE ${onSource})
       ELSE ${test(`o2.${column}`)} AND o2.source_id IN (SELECT id FROM sources) END`;
  const dates = (c: string) =>
    [f.from ? `${c} >= @from` : '', f.to ? `${c} <= @to` : ''].filter(Boolean).join(' AND ');
  if (f.project || f.source || f.from || f.to)
    out.push({
      key: JSON.stringify(['source', f.project, f.source, f.from, f.to]),
      id: 'o2.message_id',
      select: `FROM occurrences o2 WHERE 1
      ${f.project ? own('cwd', 'project LIKE @project', (c) => `${c} LIKE @project`) : ''}
      ${f.source ? 'AND o2.source_id IN (SELECT id FROM sources WHERE kind = @source)' : ''}
      ${f.from || f.to ? own('timestamp', dates('imported_at'), dates) : ''}`,
      narrow:
        places && (f.project || f.from || f.to) ? `AND o2.source_id IN (${placesOf(f, dates)})` : undefined,
    });
  if (f.author || f.machine) {
    const checkpoint = [f.author ? 'author LIKE @author' : '', f.machine ? 'machine LIKE @machine' : ''];
    out.push({
      key: JSON.stringify(['checkpoint', f.author, f.machine]),
      id: 'o3.message_id',
      select: `FROM occurrences o3 WHERE 1
      AND o3.checkpoint_id IN (SELECT id FROM checkpoints WHERE ${checkpoint.filter(Boolean).join(' AND ')})`,
    });
  }
  return out;
}

/**
 * The sources whose occurrences may pass the project, source and date filters: those of the
 * summary's (source, cwd) pairs that pass with their range of timestamps, and those of the
 * occurrences it does not cover yet (read by id from its mark: none once caught up).
 */
function placesOf(f: SearchFilters, dates: (c: string) => string): string {
  const range = [f.from ? 'p.last_at >= @from' : '', f.to ? 'p.first_at <= @to' : ''].filter(Boolean);
  return `SELECT p.source_id FROM occurrence_places p JOIN sources s ON s.id = p.source_id WHERE 1
      ${f.project ? 'AND COALESCE(p.cwd, s.project) LIKE @project' : ''}
      ${f.source ? 'AND s.kind = @source' : ''}
      ${range.length ? `AND (p.untimed AND ${dates('s.imported_at')} OR ${range.join(' AND ')})` : ''}
    UNION ALL SELECT source_id FROM occurrences WHERE id > @placesUpto`;
}

const placesTables = new WeakMap<ReadStore, boolean>();

/** Whether the store has the summary (not one no writer of this version has opened yet). */
function hasOccurrencePlaces(store: ReadStore): boolean {
  let has = placesTables.get(store);
  if (has === undefined) {
    has = !!connection(store)
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'occurrence_places'")
      .get();
    placesTables.set(store, has);
  }
  return has;
}

/**
 * The filter's ids kept with the role and kind checked too (through messages_role_kind).
 * `CROSS JOIN`: the occurrences stay the outer loop. Without it SQLite chose to scan every
 * message's role and kind and look up its occurrences one by one once the occurrence's own
 * conditions became `IN` lists (assistant + ordinary + a project, first use over a million
 * messages: 265 -> 402 ms; the query's p99).
 */
function withRoleKind(
  store: ReadStore,
  o: OccurrenceFilter,
  f: SearchFilters,
  roleKind: string[],
): OccurrenceFilter {
  return {
    ...o,
    key: JSON.stringify([o.key, f.role, f.kind]),
    id: o.id,
    select: `${o.select.replace('WHERE 1', `CROSS JOIN messages m ${messageFilterIndex(store)} ON m.id = ${o.id} WHERE 1`)}
      AND ${roleKind.join(' AND ')}`,
  };
}

/** The filter checked on one match: its occurrences read through occurrences_message. */
function checkEach(o: OccurrenceFilter): string {
  return `EXISTS (SELECT 1 ${o.select} AND ${o.id} = messages_fts.rowid)`;
}

/**
 * `+`: FTS5 would otherwise take the ids as rowids to look up one by one, the query set up
 * again for each.
 */
function inSet(table: string): string {
  return `+messages_fts.rowid IN (SELECT id FROM temp.${table})`;
}

/**
 * The page: the best ranked among the newest RANKED_MATCHES matches that pass `conditions`.
 * Only which messages and their rank, newest first (FTS5 walks its lists by rowid and stops
 * after RANKED_MATCHES): nothing else is read for a match that does not make the page.
 */
function rankNewest(
  store: ReadStore,
  conditions: string[],
  joinMessages: boolean,
  params: Record<string, unknown>,
  countKept: boolean,
): { top: { id: number; rank: number }[]; kept: number } {
  const matches = `SELECT messages_fts.rowid id, bm25(messages_fts) rank
         FROM messages_fts ${joinMessages ? `JOIN messages m ${messageFilterIndex(store)} ON m.id = messages_fts.rowid` : ''}
         WHERE ${conditions.join(' AND ')} ORDER BY messages_fts.rowid DESC LIMIT @ranked`;
  if (!countKept) {
    const top = connection(store)
      .prepare(`SELECT id, rank FROM (${matches}) ORDER BY rank, id LIMIT @limit`)
      .all(params) as { id: number; rank: number }[];
    return { top, kept: Number.NaN };
  }
  // How many were kept, too (1 ms more for 10,000).
  const rows = connection(store)
    .prepare(
      `WITH kept AS MATERIALIZED (${matches})
       SELECT id, rank, (SELECT COUNT(*) FROM kept) n FROM kept ORDER BY rank, id LIMIT @limit`,
    )
    .all(params) as { id: number; rank: number; n: number }[];
  return { top: rows.map(({ id, rank }) => ({ id, rank })), kept: rows[0]?.n ?? 0 };
}

/** A filter's set is selective when it holds at most this fraction of the messages. */
const SELECTIVE = 0.05;

function newestId(store: ReadStore): number {
  return (statement(store, 'SELECT MAX(id) FROM messages').pluck().get() as number | null) ?? 0;
}

/**
 * Whether a page's details are cheaper looked up hit by hit: measured over a million messages
 * (100 hits) 4-5 ms for a word of two letters (the prefix index of two), 12-15 ms for three, while
 * the one pass walks every match down to the page's oldest hit (0.07 µs each): 15-17 ms for a
 * common word whose filter keeps 4% of the messages (the ranking kept RANKED_MATCHES out of
 * ~220,000 walked). Only when each term is whole or a prefix of at most three letters: a longer
 * prefix merges the lists of every word it begins at each lookup.
 */
function lookedUpCheaply(fts: string): boolean {
  return [...fts.matchAll(/"((?:[^"]|"")*)"\*/g)].every((m) => [...m[1]!].length <= 3);
}

/**
 * The snippets and where each was seen, for the page only: one pass over the matches, newest
 * first, down to the page's oldest (`+`: not one lookup per id, each of which would set the query
 * up again, e.g. merge every word a prefix matches). Newest first, as the ranking's pass: over the
 * page's range of rowids (BETWEEN) FTS5 took 10-15 ms for a common word whose page is among its
 * newest 10,000, newest first 1.5 ms. `oneByOne` (a page deep among the matches): one lookup per
 * id instead (lookedUpCheaply). Exported for the test that both give the same rows.
 */
export function pageDetails(store: ReadStore, fts: string, kind: string, ids: number[], oneByOne: boolean) {
  const columns = `m.id messageId, m.hash, m.role, ${kind} kind, snippet(messages_fts, 0, '[', ']', '…', 16) snippet,
         (SELECT COUNT(*) FROM occurrences o WHERE o.message_id = m.id) occurrences,
         (SELECT s.name FROM sources s WHERE s.id = m.first_source_id) firstSource,
         (SELECT COALESCE(o.cwd, s.project) FROM occurrences o JOIN sources s ON s.id = o.source_id WHERE o.message_id = m.id LIMIT 1) project,
         (SELECT o.checkpoint_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) checkpointId,
         (SELECT o.session_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) sessionId,
         (SELECT o.timestamp FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) timestamp`;
  type Row = Omit<SearchHit, 'sessionTitle' | 'rank'>;
  if (oneByOne) {
    // CAST: better-sqlite3 binds a number as a REAL, and FTS5 ignores a rowid constraint that is
    // not an INTEGER (every match is returned, as if unconstrained).
    const one = connection(store).prepare(
      `SELECT ${columns} FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH @fts AND messages_fts.rowid = CAST(@id AS INTEGER)`,
    );
    return ids.flatMap((id) => one.all({ fts, id }) as Row[]);
  }
  return connection(store)
    .prepare(
      `SELECT ${columns}
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH @fts
       AND +messages_fts.rowid IN (SELECT value FROM json_each(@ids))
       ORDER BY messages_fts.rowid DESC LIMIT @n`,
    )
    .all({ fts, ids: JSON.stringify(ids), n: ids.length }) as Row[];
}

const filterIndexes = new WeakMap<ReadStore, string>();

/**
 * `INDEXED BY` the narrow index of role and kind by id (schema.ts MESSAGE_FILTER_INDEX): SQLite
 * prefers the table's own key, whose rows hold the text. Nothing in a store no writer of this
 * version has opened yet.
 */
function messageFilterIndex(store: ReadStore): string {
  let clause = filterIndexes.get(store);
  if (clause === undefined) {
    const exists = connection(store)
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'messages_role_kind'")
      .get();
    filterIndexes.set(store, (clause = exists ? 'INDEXED BY messages_role_kind' : ''));
  }
  return clause;
}

/** Whether the query matches at most `n` messages (it stops counting past them: under 1 ms). */
function matchesAtMost(store: ReadStore, fts: string, n: number): boolean {
  const count = statement(
    store,
    'SELECT COUNT(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH @fts LIMIT @n)',
  )
    .pluck()
    .get({ fts, n: n + 1 }) as number;
  return count <= n;
}
