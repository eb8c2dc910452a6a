import type { MessageKind } from '../model';
import { connection } from './connection';
import type { ReadStore } from './store';

/** A message first seen in a checkpoint, with what its document says about it. */
export interface NewMessageRow {
  sourceId: number;
  role: string;
  /** Text the person never typed (an agent prompt, a command…); null: what the role says. */
  kind: MessageKind | null;
  text: string;
  toolName: string | null;
  agentId: string | null;
  timestamp: string | null;
  sessionId: string | null;
}

/** One conversation: a source's messages of one session (an export has none). */
export interface ConversationScope {
  sourceId: number;
  sessionId: string | null;
}

/** The checkpoint's new messages, source by source, in the order each source holds them. */
export function* newMessages(store: ReadStore, checkpointId: string): Generator<NewMessageRow> {
  yield* connection(store)
    .prepare(
      `SELECT o.source_id sourceId, m.role, m.kind, m.text, o.tool_name toolName, o.agent_id agentId,
              o.timestamp, o.session_id sessionId
       FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.checkpoint_id = ? AND o.duplicate = 0 ORDER BY o.source_id, o.seq`,
    )
    .iterate(checkpointId) as IterableIterator<NewMessageRow>;
}

export function newMessageCount(store: ReadStore, checkpointId: string): number {
  return connection(store)
    .prepare('SELECT COUNT(*) FROM occurrences WHERE checkpoint_id = ? AND duplicate = 0')
    .pluck()
    .get(checkpointId) as number;
}

/** The conversation's first typed prompts (all of its messages, not only a checkpoint's new ones). */
export function conversationPrompts(store: ReadStore, c: ConversationScope): string[] {
  return connection(store)
    .prepare(
      `SELECT m.text FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.source_id = ? AND o.session_id IS ? AND m.role = 'user' AND m.kind IS NULL
       ORDER BY o.seq LIMIT 50`,
    )
    .pluck()
    .all(c.sourceId, c.sessionId) as string[];
}

/** The conversation's first and last timestamps (null when its lines carry none). */
export function conversationTimes(
  store: ReadStore,
  c: ConversationScope,
): { first: string | null; last: string | null } {
  return connection(store)
    .prepare(
      'SELECT MIN(timestamp) first, MAX(timestamp) last FROM occurrences WHERE source_id = ? AND session_id IS ?',
    )
    .get(c.sourceId, c.sessionId) as { first: string | null; last: string | null };
}
