import type { MessageKind, Role } from '../model';
import { connection } from './connection';
import { kindExpression } from './parser-upgrade';
import type { ReadStore } from './store';

export interface CheckpointMessage {
  seq: number;
  role: Role;
  kind: MessageKind | null;
  text: string;
  duplicate: boolean;
  source: string;
  toolName: string | null;
  uuid: string | null;
  timestamp: string | null;
}

/** The messages of a checkpoint in order, a page at a time (checkpoints reach 100,000 messages). */
export function checkpointMessages(
  store: ReadStore,
  checkpointId: string,
  offset = 0,
  limit = 200,
): CheckpointMessage[] {
  const rows = connection(store)
    .prepare(
      `SELECT o.seq, m.role, ${kindExpression(store)} kind, m.text, o.duplicate, s.name source, o.tool_name toolName, o.uuid, o.timestamp
       FROM occurrences o JOIN messages m ON m.id = o.message_id JOIN sources s ON s.id = o.source_id
       WHERE o.checkpoint_id = ? ORDER BY o.source_id, o.seq LIMIT ? OFFSET ?`,
    )
    .all(checkpointId, limit, offset) as (Omit<CheckpointMessage, 'duplicate'> & { duplicate: number })[];
  return rows.map((r) => ({ ...r, duplicate: r.duplicate === 1 }));
}

/**
 * The position of a message's first occurrence in a checkpoint, in the order of
 * `checkpointMessages`; null when it does not occur there. Both queries use the
 * (checkpoint_id, source_id, seq) index: the count is a range scan of that index, no rows read.
 */
export function checkpointMessageIndex(store: ReadStore, checkpointId: string, hash: string): number | null {
  const at = connection(store)
    .prepare(
      `SELECT o.source_id sourceId, o.seq FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.checkpoint_id = ? AND m.hash = ? ORDER BY o.source_id, o.seq LIMIT 1`,
    )
    .get(checkpointId, hash) as { sourceId: number; seq: number } | undefined;
  if (!at) return null;
  return connection(store)
    .prepare(
      `SELECT COUNT(*) FROM occurrences
       WHERE checkpoint_id = @id AND (source_id < @sourceId OR (source_id = @sourceId AND seq < @seq))`,
    )
    .pluck()
    .get({ id: checkpointId, ...at }) as number;
}
