import type { MessageKind, Role } from '../model';
import { kindExpression } from './parser-upgrade';
import { toFtsQuery } from './fts-query';
import { sessionTitles } from './session-queries';
import { filterSet } from './search-filter-sets';
import { connection, statement } from './connection';
import type { ReadStore } from './store';

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
  const db = connection(store);
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
  };
  // A filter on where a message occurred is true for a message when one of its occurrences
  // passes: the ids of those messages, found once (filterSet), not checked match by match.
  const occurrenceFilters: { key: string; id: string; select: string }[] = [];
  if (f.project || f.source || f.from || f.to)
    occurrenceFilters.push({
      key: JSON.stringify(['source', params.project, f.source, f.from, f.to]),
      id: 'o2.message_id',
      select: `FROM occurrences o2 JOIN sources s2 ON s2.id = o2.source_id
      WHERE 1 ${f.project ? 'AND COALESCE(o2.cwd, s2.project) LIKE @project' : ''}
      ${f.source ? 'AND s2.kind = @source' : ''} ${f.from ? 'AND COALESCE(o2.timestamp, s2.imported_at) >= @from' : ''}
      ${f.to ? 'AND COALESCE(o2.timestamp, s2.imported_at) <= @to' : ''}`,
    });
  if (f.author || f.machine)
    occurrenceFilters.push({
      key: JSON.stringify(['checkpoint', params.author, params.machine]),
      id: 'o3.message_id',
      select: `FROM occurrences o3 JOIN checkpoints c3 ON c3.id = o3.checkpoint_id
      WHERE 1 ${f.author ? 'AND c3.author LIKE @author' : ''} ${f.machine ? 'AND c3.machine LIKE @machine' : ''}`,
    });
  // A query with few matches checks them one by one (5,000 checks: 15-35 ms over a million
  // messages) unless the filter's ids are at hand: finding them takes 150-350 ms.
  const few = occurrenceFilters.length > 0 && matchesAtMost(store, fts, FEW_MATCHES);
  const first = occurrenceFilters[0];
  if (first && !few && roleKind.length) {
    // The role and kind go into the ids kept too: one lookup per match instead of two
    // (assistant + ordinary + a project, a common word: 59 -> 52 ms; user + an author 44 -> 33).
    first.key = JSON.stringify([first.key, f.role, f.kind]);
    first.select = `${first.select.replace(
      'WHERE 1',
      `JOIN messages m ${messageFilterIndex(store)} ON m.id = ${first.id} WHERE 1`,
    )} AND ${roleKind.join(' AND ')}`;
  } else where.push(...roleKind);
  const joinMessages = where.length > 1;
  for (const { key, id, select } of occurrenceFilters) {
    const table = filterSet(store, key, `SELECT ${id} ${select}`, params, !few);
    // `+`: FTS5 would otherwise take the ids as rowids to look up one by one, the query set up
    // again for each. Without the set (see filterSet), the check per match as before.
    where.push(
      table
        ? `+messages_fts.rowid IN (SELECT id FROM temp.${table})`
        : `EXISTS (SELECT 1 ${select} AND ${id} = messages_fts.rowid)`,
    );
  }
  // First only which messages and their rank, newest first (FTS5 walks its lists by rowid and
  // stops after RANKED_MATCHES): nothing else is read for a match that does not make the page.
  const top = db
    .prepare(
      `SELECT id, rank FROM (
         SELECT messages_fts.rowid id, bm25(messages_fts) rank
         FROM messages_fts ${joinMessages ? `JOIN messages m ${messageFilterIndex(store)} ON m.id = messages_fts.rowid` : ''}
         WHERE ${where.join(' AND ')} ORDER BY messages_fts.rowid DESC LIMIT @ranked)
       ORDER BY rank, id LIMIT @limit`,
    )
    .all(params) as { id: number; rank: number }[];
  if (!top.length) return [];
  const ids = top.map((t) => t.id);
  // Then the snippets and where each was seen, for the page only.
  const details = `SELECT m.id messageId, m.hash, m.role, ${kind} kind, snippet(messages_fts, 0, '[', ']', '…', 16) snippet,
         (SELECT COUNT(*) FROM occurrences o WHERE o.message_id = m.id) occurrences,
         (SELECT s.name FROM sources s WHERE s.id = m.first_source_id) firstSource,
         (SELECT COALESCE(o.cwd, s.project) FROM occurrences o JOIN sources s ON s.id = o.source_id WHERE o.message_id = m.id LIMIT 1) project,
         (SELECT o.checkpoint_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) checkpointId,
         (SELECT o.session_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) sessionId,
         (SELECT o.timestamp FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) timestamp
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH @fts`;
  // One pass over the matches, newest first, down to the page's oldest (`+`: not one lookup per
  // id, each of which would set the query up again, e.g. merge every word a prefix matches).
  // Newest first, as the ranking's pass: over the page's range of rowids (BETWEEN) FTS5 took
  // 10-15 ms for a common word whose page is among its newest 10,000, newest first 1.5 ms.
  const rows = db
    .prepare(
      `${details} AND +messages_fts.rowid IN (SELECT value FROM json_each(@ids))
       ORDER BY messages_fts.rowid DESC LIMIT @n`,
    )
    .all({ fts, ids: JSON.stringify(ids), n: ids.length }) as Omit<SearchHit, 'sessionTitle' | 'rank'>[];
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
