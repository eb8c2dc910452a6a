import fs from 'node:fs';
import path from 'node:path';
import type { MemoryStore, ReadStore } from '../memory/store';
import {
  clearPending,
  compactionRows,
  occurrenceRows,
  pendingMessageRows,
  type OccurrenceRow,
} from '../memory/tracked-rows';
import { redactSecrets, SECRET_SCREEN_VERSION } from '../security/redact-secrets';
import { fsyncDir, writeFileSynced } from '../workspace/atomic-write';
import type { CheckpointRow, CheckpointSourceRow } from '../memory/checkpoints';
import { PartFiles } from './part-files';
import {
  CHECKPOINT_FILE,
  homeRelative,
  MEMORY_FORMAT,
  PART_BYTES,
  type TrackedCheckpoint,
  type TrackedSource,
} from './tracked-format';

export interface MessageParts {
  names: string[];
  /** The messages written, to be marked as no longer pending once the folder is in place. */
  ids: number[];
  redactions: number;
}

/**
 * Writes the messages first seen in the checkpoint (not yet in any tracked file), redacted, as
 * parts into `dir`. A message the secret screen passed when it was parsed needs no redaction:
 * SQLite writes its line. Nothing else may use the store's connection until this resolves
 * (its rows are read across the waits for zlib).
 */
export async function writeMessageParts(
  store: ReadStore,
  checkpointId: string,
  dir: string,
  limit = PART_BYTES,
): Promise<MessageParts> {
  const out = new PartFiles(dir, 'messages', limit);
  const ids: number[] = [];
  let redactions = 0;
  await writingTo(out, async () => {
    for (const r of pendingMessageRows(store, checkpointId, SECRET_SCREEN_VERSION)) {
      let line = r.line;
      if (line === null) {
        const red = redactSecrets(r.text!);
        redactions += red.count;
        const kind = r.kind === null ? {} : { k: r.kind };
        line = JSON.stringify({ h: r.hash, r: r.role, t: red.text, ...kind }) + '\n';
      }
      ids.push(r.id);
      if (out.add(line)) await out.drained();
    }
  });
  return { names: await out.finish(), ids, redactions };
}

/** Runs `fill`; if it fails, the part writer lets go of its open file before the error goes on. */
async function writingTo(out: PartFiles, fill: () => Promise<void>): Promise<void> {
  try {
    await fill();
  } catch (err) {
    await out.abandon();
    throw err;
  }
}

export type { OccurrenceRow };

const OPTIONAL: readonly (readonly [key: string, column: number])[] = [
  ['u', 4],
  ['p', 5],
  ['sid', 6],
  ['turn', 7],
  ['ts', 8],
];

/**
 * Writes every occurrence of the checkpoint as parts into `dir`, in the order imported, each
 * naming its source by ref and its working directory relative to the source's project when it
 * is the project. Like writeMessageParts, it holds the store's connection until it resolves.
 */
export async function writeOccurrenceParts(
  store: ReadStore,
  checkpointId: string,
  sources: readonly CheckpointSourceRow[],
  home: string,
  dir: string,
  limit = PART_BYTES,
): Promise<string[]> {
  const refs = new Map(sources.map((s, i) => [s.source_id, { ref: i + 1, project: s.project }]));
  const out = new PartFiles(dir, 'occurrences', limit);
  await writingTo(out, async () => {
    for (const r of occurrenceRows(store, checkpointId)) {
      if (out.add(occurrenceLineText(refs.get(r[0])!, r, home) + '\n')) await out.drained();
    }
    for (const c of compactionRows(store, checkpointId)) {
      const s = refs.get(Number(c.source_id));
      if (!s) continue;
      const line = {
        s: s.ref,
        c: {
          uuid: c.uuid,
          sid: c.session_id,
          lp: c.logical_parent_uuid,
          ts: c.timestamp,
          trigger: c.trigger_kind,
        },
      };
      if (out.add(JSON.stringify(line) + '\n')) await out.drained();
    }
  });
  return out.finish();
}

/**
 * One occurrence line, written as text in TrackedOccurrence's key order (what JSON.stringify of
 * the object gives, property-tested): building an object per row first took twice as long.
 */
export function occurrenceLineText(
  src: { ref: number; project: string | null },
  r: OccurrenceRow,
  home: string,
): string {
  let line = `{"s":${src.ref},"q":${r[1]},"h":${JSON.stringify(r[2])}`;
  if (r[3]) line += ',"d":1';
  for (const [key, column] of OPTIONAL) {
    const v = r[column];
    if (v !== null) line += `,"${key}":${JSON.stringify(v)}`;
  }
  const cwd = r[9];
  if (cwd !== null) line += `,"cwd":${JSON.stringify(cwd === src.project ? '.' : homeRelative(cwd, home))}`;
  if (r[10] !== null) line += `,"br":${JSON.stringify(r[10])}`;
  if (r[11]) line += ',"sc":1';
  if (r[12] !== null) line += `,"ag":${JSON.stringify(r[12])}`;
  if (r[13] !== null) line += `,"tool":${JSON.stringify(r[13])}`;
  return line + '}';
}

/** The messages are in a tracked file now: no longer pending. `ids` ascend. */
export function markTracked(store: MemoryStore, ids: readonly number[]): void {
  clearPending(store, ids);
}

/** The checkpoint's record of one source, as it stood when the checkpoint took it. */
export function trackedSource(
  s: CheckpointSourceRow,
  ref: number,
  home: string,
  memoryRoot: string,
): TrackedSource {
  return {
    ref,
    kind: s.kind,
    name: s.name,
    path: homeRelative(s.path, home)!,
    sha256: s.sha256,
    project: homeRelative(s.project, home),
    archived_as: s.archive_path ? path.relative(memoryRoot, s.archive_path).split(path.sep).join('/') : null,
    start_offset: s.start_offset,
    end_offset: s.end_offset,
    prefix_sha256: s.prefix_sha256,
    bad_lines: s.bad_lines,
    counts: { read: s.read_count, new_unique: s.new_count, duplicates: s.dup_count },
  };
}

export function trackedCheckpoint(
  c: CheckpointRow,
  sources: TrackedSource[],
  files: { messages: readonly string[]; occurrences: readonly string[] },
): TrackedCheckpoint {
  return {
    format: MEMORY_FORMAT,
    id: c.id,
    title: c.title,
    created_at: c.created_at,
    author: c.author,
    machine: c.machine,
    document: c.document,
    redactions: c.redactions,
    counts: { read: c.read_count, new_unique: c.new_count, duplicates: c.dup_count },
    sources,
    messages: [...files.messages],
    occurrences: [...files.occurrences],
  };
}

/**
 * A checkpoint's folder is put in place whole or not at all: its files are written into a
 * folder beside it under a temporary name (this), then synced and renamed (closeCheckpointFolder).
 */
export function openCheckpointFolder(stateDir: string, id: string): string {
  fs.mkdirSync(stateDir, { recursive: true });
  const tmp = path.join(stateDir, `.${id}.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  return tmp;
}

/**
 * Writes checkpoint.json into the folder `tmp` (its parts are there, synced), syncs it and
 * renames it into place. A folder already in place is never rewritten (other machines have
 * it): then `tmp` is removed. Returns the files of the folder.
 */
export function closeCheckpointFolder(stateDir: string, tmp: string, record: TrackedCheckpoint): string[] {
  const dir = path.join(stateDir, record.id);
  const names = [CHECKPOINT_FILE, ...record.messages, ...record.occurrences];
  if (fs.existsSync(path.join(dir, CHECKPOINT_FILE))) {
    fs.rmSync(tmp, { recursive: true, force: true });
    return names.map((n) => path.join(dir, n));
  }
  writeFileSynced(path.join(tmp, CHECKPOINT_FILE), Buffer.from(JSON.stringify(record, null, 2) + '\n'));
  fsyncDir(tmp);
  // A half-written folder (a crash before its checkpoint.json) is replaced.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  fsyncDir(stateDir);
  return names.map((n) => path.join(dir, n));
}

/** The whole folder from parts already compressed in memory (the conversion from format 1). */
export function commitCheckpointFolder(
  stateDir: string,
  record: TrackedCheckpoint,
  parts: { messages: Buffer[]; occurrences: Buffer[] },
): string[] {
  if (fs.existsSync(path.join(stateDir, record.id, CHECKPOINT_FILE)))
    return [CHECKPOINT_FILE, ...record.messages, ...record.occurrences].map((n) =>
      path.join(stateDir, record.id, n),
    );
  const tmp = openCheckpointFolder(stateDir, record.id);
  parts.messages.forEach((b, i) => writeFileSynced(path.join(tmp, record.messages[i]!), b));
  parts.occurrences.forEach((b, i) => writeFileSynced(path.join(tmp, record.occurrences[i]!), b));
  return closeCheckpointFolder(stateDir, tmp, record);
}

/** Leftovers of a write interrupted before its rename. */
export function removeStaleFolders(stateDir: string): void {
  if (!fs.existsSync(stateDir)) return;
  for (const name of fs.readdirSync(stateDir))
    if (/^\..+\.tmp-\d+$/.test(name)) fs.rmSync(path.join(stateDir, name), { recursive: true, force: true });
}
