/**
 * The domain vocabulary shared by every part of the core: what a parsed message is,
 * where it came from, and what a run reports. Parsers produce these; the store consumes them.
 */

/** Roles of a message. `/export` text yields the first five; JSONL also yields `thinking`. */
export type Role = 'user' | 'assistant' | 'tool_call' | 'tool_result' | 'system' | 'thinking';

export const ROLES: readonly Role[] = ['user', 'assistant', 'tool_call', 'tool_result', 'system', 'thinking'];

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
