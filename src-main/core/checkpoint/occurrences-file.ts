import path from 'node:path';
import type { MemoryStore } from '../memory/store';
import { writeLinesAtomic } from '../workspace/atomic-write';
import { sourceKey } from './source-key';

/**
 * `dedup_state/occurrences/<checkpoint>.jsonl`: the order in which every message of the
 * checkpoint occurred in its sources, by hash. With `unique_messages.jsonl` this is what a
 * rebuild needs to restore checkpoints, sessions and threads on another machine.
 */
export interface OccurrenceLine {
  src: string;
  q: number;
  h: string;
  dup: 0 | 1;
  u?: string;
  p?: string;
  sid?: string;
  turn?: string;
  ts?: string;
  cwd?: string;
  br?: string;
  sc?: 1;
  ag?: string;
  tool?: string;
}

export interface CompactionLine {
  compaction: { uuid: string; sid: string; lp: string | null; ts: string | null; trigger: string | null };
  src: string;
}

export function occurrencesPath(dir: string, checkpointId: string): string {
  return path.join(dir, `${checkpointId}.jsonl`);
}

export function writeOccurrencesFile(store: MemoryStore, dir: string, checkpointId: string): number {
  return writeLinesAtomic(occurrencesPath(dir, checkpointId), occurrenceLines(store, checkpointId));
}

/**
 * The optional fields of a line, in the order they are written, with the column (of the query
 * below) that fills each. Absent (NULL) fields are left out of the line.
 */
const OPTIONAL_FIELDS: readonly (readonly [key: keyof OccurrenceLine, column: number])[] = [
  ['u', 4],
  ['p', 5],
  ['sid', 6],
  ['turn', 7],
  ['ts', 8],
  ['cwd', 9],
  ['br', 10],
];

/**
 * Streamed from the store: a checkpoint of a large import holds millions of occurrences. Rows
 * come as arrays and each line is written as text in OccurrenceLine's key order (what
 * JSON.stringify of the object gives, property-tested): building an object per row first took
 * twice as long.
 */
function* occurrenceLines(store: MemoryStore, checkpointId: string): Generator<string> {
  const keys = sourceKeys(store, checkpointId);
  const rows = store.db
    .prepare(
      `SELECT o.source_id, o.seq, m.hash, o.duplicate, o.uuid, o.parent_uuid, o.session_id, o.turn_id,
         o.timestamp, o.cwd, o.git_branch, o.is_sidechain, o.agent_id, o.tool_name
       FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.checkpoint_id = ? ORDER BY o.source_id, o.seq`,
    )
    .raw()
    .iterate(checkpointId) as IterableIterator<OccurrenceRow>;
  const srcJson = new Map([...keys].map(([id, key]) => [id, JSON.stringify(key)]));
  for (const r of rows) yield occurrenceLineText(srcJson.get(r[0])!, r);
  const compactions = store.db
    .prepare(
      `SELECT c.*, s.kind, s.sha256, s.path FROM compactions c JOIN sources s ON s.id = c.source_id WHERE c.checkpoint_id = ?`,
    )
    .iterate(checkpointId) as IterableIterator<Record<string, string | null>>;
  for (const c of compactions) {
    const line: CompactionLine = {
      compaction: {
        uuid: c.uuid!,
        sid: c.session_id!,
        lp: c.logical_parent_uuid,
        ts: c.timestamp,
        trigger: c.trigger_kind,
      },
      src: keyOf(c),
    };
    yield JSON.stringify(line);
  }
}

/** A row of the query above, by position. */
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

/** The JSON text of one occurrence line; `srcJson` is the source key, already JSON. */
export function occurrenceLineText(srcJson: string, r: OccurrenceRow): string {
  let out = `{"src":${srcJson},"q":${r[1]},"h":${JSON.stringify(r[2])},"dup":${r[3] ? 1 : 0}`;
  for (const [key, column] of OPTIONAL_FIELDS) {
    const v = r[column];
    if (v !== null) out += `,"${key}":${JSON.stringify(v)}`;
  }
  if (r[11]) out += ',"sc":1';
  if (r[12] !== null) out += `,"ag":${JSON.stringify(r[12])}`;
  if (r[13] !== null) out += `,"tool":${JSON.stringify(r[13])}`;
  return out + '}';
}

/** The checkpoint's few sources, keyed once instead of joined into each of its occurrences. */
function sourceKeys(store: MemoryStore, checkpointId: string): Map<number, string> {
  const rows = store.db
    .prepare(
      `SELECT id, kind, sha256, path FROM sources
       WHERE id IN (SELECT DISTINCT source_id FROM occurrences WHERE checkpoint_id = ?)`,
    )
    .all(checkpointId) as {
    id: number;
    kind: 'export' | 'transcript';
    sha256: string | null;
    path: string;
  }[];
  return new Map(rows.map((r) => [r.id, sourceKey(r)]));
}

function keyOf(r: Record<string, unknown>): string {
  return sourceKey({
    kind: r.kind as 'export' | 'transcript',
    sha256: r.sha256 as string | null,
    path: r.path as string,
  });
}
