import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { MemoryStore, ReadStore } from '../memory/store';
import {
  clearPending,
  compactionRows,
  occurrenceRows,
  pendingMessageRows,
  type OccurrenceRow,
} from '../memory/tracked-rows';
import { redactSecrets, SECRET_SCREEN_VERSION } from '../security/redact-secrets';
import { fsyncDir } from '../workspace/atomic-write';
import type { CheckpointRow, CheckpointSourceRow } from '../memory/checkpoints';
import {
  CHECKPOINT_FILE,
  homeRelative,
  MEMORY_FORMAT,
  PART_BYTES,
  partName,
  type TrackedCheckpoint,
  type TrackedSource,
} from './tracked-format';

const gzip = promisify(zlib.gzip);

/** Splits lines into parts of at most `limit` bytes and compresses each on libuv's pool. */
class PartWriter {
  private lines: Buffer[] = [];
  private bytes = 0;
  readonly parts: Promise<Buffer>[] = [];

  constructor(private readonly limit: number) {}

  add(line: Buffer): void {
    if (this.bytes + line.length > this.limit && this.lines.length) this.flush();
    this.lines.push(line);
    this.bytes += line.length;
  }

  finish(): Promise<Buffer[]> {
    if (this.lines.length) this.flush();
    return Promise.all(this.parts);
  }

  private flush(): void {
    // Level 1: a fifth of level 6's CPU for this text (87 against 438 ms per 16 MB, measured),
    // and the memory still comes to a quarter of its input against a target of a half.
    this.parts.push(gzip(Buffer.concat(this.lines), { level: 1 }));
    this.lines = [];
    this.bytes = 0;
  }
}

export interface MessageParts {
  parts: Promise<Buffer[]>;
  /** The messages written, to be marked as no longer pending once the folder is in place. */
  ids: number[];
  redactions: number;
}

/**
 * The messages first seen in the checkpoint (not yet in any tracked file), redacted. A message
 * the secret screen passed when it was parsed needs no redaction: SQLite writes its line.
 */
export function messageParts(store: ReadStore, checkpointId: string, limit = PART_BYTES): MessageParts {
  const rows = pendingMessageRows(store, checkpointId, SECRET_SCREEN_VERSION);
  const out = new PartWriter(limit);
  const ids: number[] = [];
  let redactions = 0;
  for (const r of rows) {
    let line = r.line;
    if (line === null) {
      const red = redactSecrets(r.text!);
      redactions += red.count;
      const kind = r.kind === null ? {} : { k: r.kind };
      line = Buffer.from(JSON.stringify({ h: r.hash, r: r.role, t: red.text, ...kind }) + '\n');
    }
    out.add(line);
    ids.push(r.id);
  }
  return { parts: out.finish(), ids, redactions };
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
 * Every occurrence of the checkpoint in the order it was imported, each naming its source by
 * ref and its working directory relative to the source's project when it is the project.
 */
export function occurrenceParts(
  store: ReadStore,
  checkpointId: string,
  sources: readonly CheckpointSourceRow[],
  home: string,
  limit = PART_BYTES,
): Promise<Buffer[]> {
  const refs = new Map(sources.map((s, i) => [s.source_id, { ref: i + 1, project: s.project }]));
  const out = new PartWriter(limit);
  const rows = occurrenceRows(store, checkpointId);
  for (const r of rows) out.add(Buffer.from(occurrenceLineText(refs.get(r[0])!, r, home) + '\n'));
  const compactions = compactionRows(store, checkpointId);
  for (const c of compactions) {
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
    out.add(Buffer.from(JSON.stringify(line) + '\n'));
  }
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
  files: { messages: number; occurrences: number },
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
    messages: Array.from({ length: files.messages }, (_, i) => partName('messages', i + 1)),
    occurrences: Array.from({ length: files.occurrences }, (_, i) => partName('occurrences', i + 1)),
  };
}

/**
 * Put a checkpoint's folder in place whole or not at all: written beside it under a temporary
 * name, synced, renamed. A folder already in place is never rewritten (other machines have it).
 * Returns the files of the folder.
 */
export function commitCheckpointFolder(
  stateDir: string,
  record: TrackedCheckpoint,
  parts: { messages: Buffer[]; occurrences: Buffer[] },
): string[] {
  const dir = path.join(stateDir, record.id);
  const names = [CHECKPOINT_FILE, ...record.messages, ...record.occurrences];
  if (fs.existsSync(path.join(dir, CHECKPOINT_FILE))) return names.map((n) => path.join(dir, n));
  fs.mkdirSync(stateDir, { recursive: true });
  const tmp = path.join(stateDir, `.${record.id}.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp);
  const contents: [string, Buffer][] = [
    [CHECKPOINT_FILE, Buffer.from(JSON.stringify(record, null, 2) + '\n')],
    ...parts.messages.map((b, i): [string, Buffer] => [record.messages[i]!, b]),
    ...parts.occurrences.map((b, i): [string, Buffer] => [record.occurrences[i]!, b]),
  ];
  for (const [name, data] of contents) {
    const fd = fs.openSync(path.join(tmp, name), 'w', 0o644);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  fsyncDir(tmp);
  // A half-written folder (a crash before its checkpoint.json) is replaced.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  fsyncDir(stateDir);
  return names.map((n) => path.join(dir, n));
}

/** Leftovers of a write interrupted before its rename. */
export function removeStaleFolders(stateDir: string): void {
  if (!fs.existsSync(stateDir)) return;
  for (const name of fs.readdirSync(stateDir))
    if (/^\..+\.tmp-\d+$/.test(name)) fs.rmSync(path.join(stateDir, name), { recursive: true, force: true });
}
