import type { MessageKind, Role } from '../model';
import { kindExpression } from './parser-upgrade';
import { toFtsQuery } from './fts-query';
import { sessionTitle } from './session-queries';
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

/** Full-text search over every unique message, best first; snippets mark hits with [ ]. */
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
  if (f.project || f.source || f.from || f.to)
    where.push(`EXISTS (SELECT 1 FROM occurrences o2 JOIN sources s2 ON s2.id = o2.source_id
      WHERE o2.message_id = m.id ${f.project ? 'AND COALESCE(o2.cwd, s2.project) LIKE @project' : ''}
      ${f.source ? 'AND s2.kind = @source' : ''} ${f.from ? 'AND COALESCE(o2.timestamp, s2.imported_at) >= @from' : ''}
      ${f.to ? 'AND COALESCE(o2.timestamp, s2.imported_at) <= @to' : ''})`);
  if (f.author || f.machine)
    where.push(`EXISTS (SELECT 1 FROM occurrences o3 JOIN checkpoints c3 ON c3.id = o3.checkpoint_id
      WHERE o3.message_id = m.id ${f.author ? 'AND c3.author LIKE @author' : ''} ${f.machine ? 'AND c3.machine LIKE @machine' : ''})`);
  const rows = connection(store)
    .prepare(
      `SELECT m.id messageId, m.hash, m.role, ${kind} kind, snippet(messages_fts, 0, '[', ']', '…', 16) snippet, bm25(messages_fts) rank,
         (SELECT COUNT(*) FROM occurrences o WHERE o.message_id = m.id) occurrences,
         (SELECT s.name FROM sources s WHERE s.id = m.first_source_id) firstSource,
         (SELECT COALESCE(o.cwd, s.project) FROM occurrences o JOIN sources s ON s.id = o.source_id WHERE o.message_id = m.id LIMIT 1) project,
         (SELECT o.checkpoint_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) checkpointId,
         (SELECT o.session_id FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) sessionId,
         (SELECT o.timestamp FROM occurrences o WHERE o.message_id = m.id ORDER BY o.id LIMIT 1) timestamp
       FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE ${where.join(' AND ')} ORDER BY rank LIMIT @limit`,
    )
    .all({
      fts,
      limit,
      role: f.role,
      project: f.project ? `%${f.project}%` : undefined,
      source: f.source,
      kind: f.kind === 'ordinary' ? undefined : f.kind,
      from: f.from,
      to: f.to,
      author: f.author ? `%${f.author}%` : undefined,
      machine: f.machine ? `%${f.machine}%` : undefined,
    });
  // Hits often share a session: each title is looked up once.
  const titles = new Map<string, string | null>();
  const titleOf = (id: string) => {
    if (!titles.has(id)) titles.set(id, sessionTitle(store, id));
    return titles.get(id)!;
  };
  return (rows as Omit<SearchHit, 'sessionTitle'>[]).map((h) => ({
    ...h,
    sessionTitle: h.sessionId ? titleOf(h.sessionId) : null,
  }));
}
