import type { MessageKind, Role } from '../model';
import { kindExpression } from './parser-upgrade';
import { toFtsQuery } from './fts-query';
import { sessionTitles } from './session-queries';
import { connection } from './connection';
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
  if (f.role) where.push('m.role = @role');
  const kind = kindExpression(store);
  if (f.kind) where.push(f.kind === 'ordinary' ? `${kind} IS NULL` : `${kind} = @kind`);
  const joinMessages = where.length > 1;
  if (f.project || f.source || f.from || f.to)
    where.push(`EXISTS (SELECT 1 FROM occurrences o2 JOIN sources s2 ON s2.id = o2.source_id
      WHERE o2.message_id = messages_fts.rowid ${f.project ? 'AND COALESCE(o2.cwd, s2.project) LIKE @project' : ''}
      ${f.source ? 'AND s2.kind = @source' : ''} ${f.from ? 'AND COALESCE(o2.timestamp, s2.imported_at) >= @from' : ''}
      ${f.to ? 'AND COALESCE(o2.timestamp, s2.imported_at) <= @to' : ''})`);
  if (f.author || f.machine)
    where.push(`EXISTS (SELECT 1 FROM occurrences o3 JOIN checkpoints c3 ON c3.id = o3.checkpoint_id
      WHERE o3.message_id = messages_fts.rowid ${f.author ? 'AND c3.author LIKE @author' : ''} ${f.machine ? 'AND c3.machine LIKE @machine' : ''})`);
  const db = connection(store);
  // First only which messages and their rank, newest first (FTS5 walks its lists by rowid and
  // stops after RANKED_MATCHES): nothing else is read for a match that does not make the page.
  const top = db
    .prepare(
      `SELECT id, rank FROM (
         SELECT messages_fts.rowid id, bm25(messages_fts) rank
         FROM messages_fts ${joinMessages ? 'JOIN messages m ON m.id = messages_fts.rowid' : ''}
         WHERE ${where.join(' AND ')} ORDER BY messages_fts.rowid DESC LIMIT @ranked)
       ORDER BY rank, id LIMIT @limit`,
    )
    .all({
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
    }) as { id: number; rank: number }[];
  if (!top.length) return [];
  const ids = top.map((t) => t.id);
  // Then the snippets and where each was seen, for the page only: one pass over the matches
  // between the page's oldest and newest message (`+`: not one lookup per id, each of which
  // would set the query up again, e.g. merge every word a prefix matches).
  const rows = db
    .prepare(
      `SELECT m.id messageId, m.hash, m.role, ${kind} kind, snippet(messages_fts, 0, '[', ']', '…', 16) snippet,
         (SELECT COUNT(*) FROM occurrences o WHERE o.message_id = m.id) occurrences,
         (SELECT s.name FROM sources s WHERE s.id = m.first_source_id) firstSource,
         (SELECT COALESCE(o.cwd, s.project) FROM occurrences o JOIN sources s ON s.id = o.source_id WHERE o.message_id = m.id LIMIT 1) project,
         (SELECT o.checkpoint_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) checkpointId,
         (SELECT o.session_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) sessionId,
         (SELECT o.timestamp FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) timestamp
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH @fts AND messages_fts.rowid BETWEEN @lo AND @hi
         AND +messages_fts.rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ fts, lo: Math.min(...ids), hi: Math.max(...ids), ids: JSON.stringify(ids) }) as Omit<
    SearchHit,
    'sessionTitle' | 'rank'
  >[];
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
