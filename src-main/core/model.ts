/**
 * The domain vocabulary shared by every part of the core: what a parsed message is,
 * where it came from, and what a run reports. Parsers produce these; the store consumes them.
 */

/** Roles of a message. `/export` text yields the first five; JSONL also yields `thinking`. */
export type Role = 'user' | 'assistant' | 'tool_call' | 'tool_result' | 'system' | 'thinking';

export const ROLES: readonly Role[] = ['user', 'assistant', 'tool_call', 'tool_result', 'system', 'thinking'];

/**
 * Who said it, when not the person at the keyboard nor Claude answering them: text that
 * arrives in the user's or the system's slot of a transcript but that the human never typed.
 * Absent for an ordinary message. Not part of a message's identity (the content hash is over
 * role and text): an export cannot tell these apart, and the same text from an export and a
 * transcript must stay one message.
 * - agent-prompt: the prompt a sub-agent was started with (its transcript's first row), and
 *   Claude Code's "Warmup" probes
 * - notification: `<task-notification>` and teammate messages
 * - compaction-summary: the summary a compaction leaves in place of the conversation
 * - command: a slash command as typed ("/name args"), its expansion (isMeta rows), a local
 *   command's output, a shell command (`!`) and its output
 * - marker: "[Request interrupted by user]", the local-command caveat
 * - title: a session's summary row, its title
 */
export type MessageKind =
  'agent-prompt' | 'notification' | 'compaction-summary' | 'command' | 'marker' | 'title';

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'agent-prompt',
  'notification',
  'compaction-summary',
  'command',
  'marker',
  'title',
];

/** How documents and the app label each kind. */
export const KIND_LABELS: Readonly<Record<MessageKind, string>> = {
  'agent-prompt': 'Agent prompt',
  notification: 'Notification',
  'compaction-summary': 'Conversation compacted',
  command: 'Command',
  marker: 'Marker',
  title: 'Session title',
};

/** One message as a parser found it, before identity is assigned. */
export interface ParsedMessage {
  readonly role: Role;
  /** The message text, encoding already repaired (not yet normalized for hashing). */
  readonly text: string;
  /** Name of the tool for `tool_call` (and for `tool_result` when known). */
  readonly toolName?: string;
  /** JSONL only: the line's identity and threading. */
  readonly uuid?: string;
  readonly parentUuid?: string | null;
  readonly sessionId?: string;
  readonly timestamp?: string;
  /** JSONL assistant rows sharing `message.id` form one turn; this is that id. */
  readonly turnId?: string;
  readonly cwd?: string;
  readonly gitBranch?: string;
  readonly isSidechain?: boolean;
  readonly isMeta?: boolean;
  /** Subagent transcript id (`agent-*.jsonl`), when the line came from one. */
  readonly agentId?: string;
  /** Who said it, when it is not an ordinary message (see MessageKind). */
  readonly kind?: MessageKind;
}

/** The kind of input a file is, identified by content (never by name). */
export type SourceKind = 'export' | 'transcript';

/** A compaction boundary in a JSONL transcript. */
export interface CompactionBoundary {
  readonly uuid: string;
  readonly sessionId: string;
  readonly logicalParentUuid: string | null;
  readonly timestamp: string | null;
  readonly trigger: string | null;
}

/** Per-file and per-run counts; the numbers every summary shows. */
export interface DedupCounts {
  /** Messages read from the input. */
  read: number;
  /** Messages whose content hash was never seen before. */
  newUnique: number;
  /** Messages already known (by uuid or content hash). */
  duplicates: number;
}

export function dedupRate(c: DedupCounts): number {
  return c.read === 0 ? 0 : c.duplicates / c.read;
}

export function addCounts(a: DedupCounts, b: DedupCounts): DedupCounts {
  return {
    read: a.read + b.read,
    newUnique: a.newUnique + b.newUnique,
    duplicates: a.duplicates + b.duplicates,
  };
}

export const ZERO_COUNTS: DedupCounts = Object.freeze({ read: 0, newUnique: 0, duplicates: 0 });
