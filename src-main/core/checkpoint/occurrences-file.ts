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

/** Streamed from the store: a checkpoint of a large import holds millions of occurrences. */
function* occurrenceLines(store: MemoryStore, checkpointId: string): Generator<string> {
  const keys = sourceKeys(store, checkpointId);
  const rows = store.db
    .prepare(
      `SELECT o.source_id, o.seq, m.hash, o.duplicate, o.uuid, o.parent_uuid, o.session_id, o.turn_id,
         o.timestamp, o.cwd, o.git_branch, o.is_sidechain, o.agent_id, o.tool_name
       FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.checkpoint_id = ? ORDER BY o.source_id, o.seq`,
    )
    .iterate(checkpointId) as IterableIterator<Record<string, string | number | null>>;
  for (const r of rows) yield JSON.stringify(toLine(keys.get(r.source_id as number)!, r));
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

function toLine(src: string, r: Record<string, string | number | null>): OccurrenceLine {
  const line: OccurrenceLine = {
    src,
    q: r.seq as number,
    h: r.hash as string,
    dup: r.duplicate ? 1 : 0,
  };
  const opt = (k: keyof OccurrenceLine, v: string | number | null) => {
    if (v !== null && v !== undefined) (line as unknown as Record<string, unknown>)[k] = v;
  };
  opt('u', r.uuid);
  opt('p', r.parent_uuid);
  opt('sid', r.session_id);
  opt('turn', r.turn_id);
  opt('ts', r.timestamp);
  opt('cwd', r.cwd);
  opt('br', r.git_branch);
  if (r.is_sidechain) line.sc = 1;
  opt('ag', r.agent_id);
  opt('tool', r.tool_name);
  return line;
}
