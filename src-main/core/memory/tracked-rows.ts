import { connection } from './connection';
import type { MemoryStore, ReadStore } from './store';

/**
 * A pending message first seen in the checkpoint: `line` is its tracked line, ready made by
 * SQLite when the secret screen `screen` passed it at parse time; otherwise `text` is to redact.
 */
export interface PendingMessageRow {
  id: number;
  hash: string;
  role: string;
  kind: string | null;
  line: string | null;
  text: string | null;
}

/** An occurrence as the tracked occurrence line needs it, columns in this order (no object per row). */
export type OccurrenceRow = [
  sourceId: number,
  seq: number,
  hash: string,
  duplicate: number,
  uuid: string | null,
  parentUuid: string | null,
  sessionId: string | null,
  turnId: string | null,
  timestamp: string | null,
  cwd: string | null,
  gitBranch: string | null,
  isSidechain: number,
  agentId: string | null,
  toolName: string | null,
];

export type CompactionRow = Record<string, string | null>;

/** The checkpoint's new messages not yet in any tracked file, in id order. */
export function pendingMessageRows(
  store: ReadStore,
  checkpointId: string,
  screen: number,
): IterableIterator<PendingMessageRow> {
  return connection(store)
    .prepare(
      `SELECT m.id, m.hash, m.role, m.kind,
         CASE WHEN m.clean = @screen THEN
           CASE WHEN m.kind IS NULL THEN json_object('h', m.hash, 'r', m.role, 't', m.text)
                ELSE json_object('h', m.hash, 'r', m.role, 't', m.text, 'k', m.kind) END
           || char(10) END AS line,
         CASE WHEN m.clean = @screen THEN NULL ELSE m.text END AS text
       FROM state_pending p JOIN messages m ON m.id = p.message_id
       WHERE p.message_id IN (SELECT message_id FROM occurrences WHERE checkpoint_id = @checkpoint AND duplicate = 0)
       ORDER BY p.message_id`,
    )
    .iterate({ screen, checkpoint: checkpointId }) as IterableIterator<PendingMessageRow>;
}

/**
 * Every occurrence of the checkpoint in the order it was imported. Read along the rowid from the
 * checkpoint's first occurrence (`+` keeps SQLite off the checkpoint index, whose order would
 * need a sort of every row: 15% of the query).
 */
export function occurrenceRows(store: ReadStore, checkpointId: string): IterableIterator<OccurrenceRow> {
  return connection(store)
    .prepare(
      `SELECT o.source_id, o.seq, m.hash, o.duplicate, o.uuid, o.parent_uuid, o.session_id, o.turn_id,
         o.timestamp, o.cwd, o.git_branch, o.is_sidechain, o.agent_id, o.tool_name
       FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.id >= (SELECT MIN(id) FROM occurrences WHERE checkpoint_id = @c) AND +o.checkpoint_id = @c
       ORDER BY o.id`,
    )
    .raw()
    .iterate({ c: checkpointId }) as IterableIterator<OccurrenceRow>;
}

export function compactionRows(store: ReadStore, checkpointId: string): CompactionRow[] {
  return connection(store)
    .prepare(
      'SELECT uuid, session_id, logical_parent_uuid, timestamp, trigger_kind, source_id FROM compactions WHERE checkpoint_id = ? ORDER BY rowid',
    )
    .all(checkpointId) as CompactionRow[];
}

/** The messages are in a tracked file now: no longer pending. `ids` ascend. */
export function clearPending(store: MemoryStore, ids: readonly number[]): void {
  const db = connection(store);
  const mark = db.prepare('DELETE FROM state_pending WHERE message_id = ?');
  store.atomically(() => {
    // Usually one unbroken range (one import's new rows): one delete.
    if (ids.length && ids[ids.length - 1]! - ids[0]! === ids.length - 1)
      db.prepare('DELETE FROM state_pending WHERE message_id BETWEEN ? AND ?').run(ids[0], ids.at(-1));
    else for (const id of ids) mark.run(id);
  });
}
