import os from 'node:os';
import path from 'node:path';

/**
 * Format 2 of the git-tracked memory: one folder per checkpoint, written once and never
 * changed, so any two machines' histories merge without conflicts by construction.
 *
 *   FORMAT.json                                  {"format": 2}: the same on every machine
 *   dedup_state/checkpoints/<id>/checkpoint.json its index entry: counts, sources, who, where
 *   dedup_state/checkpoints/<id>/messages-001.jsonl.gz     the messages first seen in it
 *   dedup_state/checkpoints/<id>/occurrences-001.jsonl.gz  every message as it occurred
 *
 * Everything else (the combined index, the totals) is derived by the store, under `.local/`.
 */
export const MEMORY_FORMAT = 2;

export const CHECKPOINT_FILE = 'checkpoint.json';

/**
 * A part holds at most this many bytes before compression, so every tracked file stays far
 * under the 50 MB the format promises (and GitHub's 100 MB limit) whatever the text.
 */
export const PART_BYTES = 40 * 1024 * 1024;

export interface TrackedCounts {
  read: number;
  new_unique: number;
  duplicates: number;
}

/** A source, named once per checkpoint; occurrence lines refer to it by `ref`. */
export interface TrackedSource {
  ref: number;
  kind: 'export' | 'transcript';
  name: string;
  /** `~/…` when under the home folder. */
  path: string;
  sha256: string | null;
  project: string | null;
  archived_as: string | null;
  /** The bytes of a transcript this checkpoint read: its own record, never updated later. */
  start_offset: number;
  end_offset: number;
  prefix_sha256: string | null;
  bad_lines: number;
  counts: TrackedCounts;
}

export interface TrackedCheckpoint {
  format: typeof MEMORY_FORMAT;
  id: string;
  title: string;
  created_at: string;
  /** The git identity of the memory repository that made it (`Name <email>`); null if none. */
  author: string | null;
  /** The machine's name as its user sees it (host name); null for checkpoints migrated from format 1. */
  machine: string | null;
  document: string;
  redactions: number;
  counts: TrackedCounts;
  sources: TrackedSource[];
  /** Part files, in order, relative to the checkpoint's folder. */
  messages: string[];
  occurrences: string[];
}

/** A line of a messages part. The hash is of the original text (the text may be redacted). */
export interface MessageLine {
  h: string;
  r: string;
  t: string;
  /** Its kind, when the person never typed it (an agent prompt, a command…); absent otherwise. */
  k?: string;
}

/**
 * A line of an occurrences part. `s` is a source's `ref`; `cwd` is "." when it is the source's
 * project; absent fields are null; `d` and `sc` appear only when set.
 */
export interface TrackedOccurrence {
  s: number;
  q: number;
  h: string;
  d?: 1;
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

export interface TrackedCompaction {
  s: number;
  c: { uuid: string; sid: string; lp: string | null; ts: string | null; trigger: string | null };
}

export function partName(kind: 'messages' | 'occurrences', n: number): string {
  return `${kind}-${String(n).padStart(3, '0')}.jsonl.gz`;
}

/** `/home/ann/x` → `~/x` on Ann's machine: a tracked path never names a home folder. */
export function homeRelative(p: string | null, home: string = os.homedir()): string | null {
  if (p === null) return null;
  if (p === home) return '~';
  const prefix = home.endsWith(path.sep) ? home : home + path.sep;
  return p.startsWith(prefix) ? `~/${p.slice(prefix.length).split(path.sep).join('/')}` : p;
}

/** The inverse of homeRelative, on the machine that reads it. */
export function expandHome(p: string | null, home: string = os.homedir()): string | null {
  if (p === null) return null;
  if (p === '~') return home;
  return p.startsWith('~/') ? path.join(home, ...p.slice(2).split('/')) : p;
}
