import type { MessageKind } from '../model';
import { connection } from './connection';
import type { ReadStore } from './store';

/** A message first seen in a checkpoint, with what its document says about it. */
export interface NewMessageRow {
  occurrenceId: number;
  sourceId: number;
  role: string;
  /** Text the person never typed (an agent prompt, a command…); null: what the role says. */
  kind: MessageKind | null;
  text: string;
  toolName: string | null;
  agentId: string | null;
  /** SQLite gives 0 or 1. */
  isSidechain: number;
  timestamp: string | null;
  sessionId: string | null;
}

/** One conversation: a source's messages of one session (an export has none). */
export interface ConversationScope {
  sourceId: number;
  sessionId: string | null;
}

/** A Task (or Agent) call among a checkpoint's new messages: the text holds its input. */
export interface AgentCallRow {
  occurrenceId: number;
  sessionId: string | null;
  timestamp: string | null;
  toolName: string;
  text: string;
}

/** One sub-agent's new messages in one transcript file, with the prompt it opens with. */
export interface AgentGroupRow {
  sourceId: number;
  agentId: string;
  sessionId: string | null;
  prompt: string;
  timestamp: string | null;
}

const NEW_MESSAGE_COLUMNS = `o.id occurrenceId, o.source_id sourceId, m.role, m.kind, m.text, o.tool_name toolName,
  o.agent_id agentId, o.is_sidechain = 1 isSidechain, o.timestamp, o.session_id sessionId
  FROM occurrences o JOIN messages m ON m.id = o.message_id`;

/** The checkpoint's new messages, source by source, in the order each source holds them. */
export function* newMessages(store: ReadStore, checkpointId: string): Generator<NewMessageRow> {
  yield* connection(store)
    .prepare(
      `SELECT ${NEW_MESSAGE_COLUMNS}
       WHERE o.checkpoint_id = ? AND o.duplicate = 0 ORDER BY o.source_id, o.seq`,
    )
    .iterate(checkpointId) as IterableIterator<NewMessageRow>;
}

/** One sub-agent's new messages of the checkpoint, in order. */
export function* agentMessages(
  store: ReadStore,
  checkpointId: string,
  g: { sourceId: number; agentId: string },
): Generator<NewMessageRow> {
  yield* connection(store)
    .prepare(
      `SELECT ${NEW_MESSAGE_COLUMNS}
       WHERE o.checkpoint_id = ? AND o.duplicate = 0 AND o.is_sidechain = 1 AND o.source_id = ? AND o.agent_id = ?
       ORDER BY o.seq`,
    )
    .iterate(checkpointId, g.sourceId, g.agentId) as IterableIterator<NewMessageRow>;
}

export function newMessageCount(store: ReadStore, checkpointId: string): number {
  return connection(store)
    .prepare('SELECT COUNT(*) FROM occurrences WHERE checkpoint_id = ? AND duplicate = 0')
    .pluck()
    .get(checkpointId) as number;
}

/** The checkpoint's new Task/Agent calls of main sessions, in time order. */
export function agentCallRows(store: ReadStore, checkpointId: string): AgentCallRow[] {
  return connection(store)
    .prepare(
      `SELECT o.id occurrenceId, o.session_id sessionId, o.timestamp, o.tool_name toolName, m.text
       FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.checkpoint_id = ? AND o.duplicate = 0 AND o.is_sidechain = 0 AND m.role = 'tool_call'
         AND o.tool_name IN ('Task', 'Agent')
       ORDER BY o.timestamp, o.source_id, o.seq`,
    )
    .all(checkpointId) as AgentCallRow[];
}

/** The sub-agents with new messages in the checkpoint, one row per agent and file. */
export function agentGroupRows(store: ReadStore, checkpointId: string): AgentGroupRow[] {
  return connection(store)
    .prepare(
      `SELECT o.source_id sourceId, o.agent_id agentId, o.session_id sessionId, MIN(o.timestamp) timestamp,
         (SELECT m.text FROM occurrences f JOIN messages m ON m.id = f.message_id
          WHERE f.source_id = o.source_id AND f.agent_id = o.agent_id ORDER BY f.seq LIMIT 1) prompt
       FROM occurrences o
       WHERE o.checkpoint_id = ? AND o.duplicate = 0 AND o.is_sidechain = 1 AND o.agent_id IS NOT NULL
       GROUP BY o.source_id, o.agent_id`,
    )
    .all(checkpointId) as AgentGroupRow[];
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
