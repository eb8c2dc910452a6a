import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { rawArchivePath } from '../checkpoint/raw-transcripts';
import {
  CHECKPOINT_FILE,
  expandHome,
  MEMORY_FORMAT,
  type MessageLine,
  type TrackedCheckpoint,
  type TrackedCompaction,
  type TrackedOccurrence,
  type TrackedSource,
} from '../checkpoint/tracked-format';
import { writeCheckpointIndex, writeManifest } from '../checkpoint/index-files';
import type { MemoryLayout } from '../workspace/memory-layout';
import { connection } from './connection';
import type { MemoryStore } from './store';
import { MESSAGE_KINDS, type MessageKind } from '../model';

export interface IngestResult {
  checkpointsAdded: number;
  messagesAdded: number;
}

/**
 * Bring into the local index every checkpoint the git-tracked memory holds and the index does
 * not (after a pull, a merge or a fresh clone): its messages, sources, occurrences and record.
 * Idempotent: a checkpoint already indexed is not read again, so a pull of a few checkpoints
 * costs only theirs. A checkpoint whose files are damaged is skipped whole and named in
 * `problems`; the others go in.
 */
export function ingestTrackedMemory(
  store: MemoryStore,
  layout: MemoryLayout,
  problems: string[] = [],
  home: string = os.homedir(),
): IngestResult {
  const result: IngestResult = { checkpointsAdded: 0, messagesAdded: 0 };
  for (const record of newRecords(store, layout, problems)) {
    const dir = path.join(layout.checkpointStateDir, record.id);
    try {
      result.messagesAdded += connection(store).transaction(() =>
        ingestCheckpoint(store, layout, dir, record, home),
      )();
      result.checkpointsAdded++;
    } catch (err) {
      problems.push(`${dir}: ${(err as Error).message}; checkpoint ${record.id} not indexed`);
    }
  }
  if (result.checkpointsAdded) {
    store.catchUpSearchIndex();
    writeManifest(store, layout, writeCheckpointIndex(store, layout, home));
  }
  return result;
}

/** The records of checkpoints the store lacks, oldest first (the order they were made in). */
function newRecords(store: MemoryStore, layout: MemoryLayout, problems: string[]): TrackedCheckpoint[] {
  if (!fs.existsSync(layout.checkpointStateDir)) return [];
  const known = connection(store).prepare('SELECT 1 FROM checkpoints WHERE id = ?').pluck();
  const records: TrackedCheckpoint[] = [];
  for (const name of fs.readdirSync(layout.checkpointStateDir)) {
    if (name.startsWith('.') || known.get(name)) continue;
    const file = path.join(layout.checkpointStateDir, name, CHECKPOINT_FILE);
    const record = readRecord(file, name, problems);
    if (record) records.push(record);
  }
  return records.sort((a, b) =>
    a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1,
  );
}

function readRecord(file: string, folder: string, problems: string[]): TrackedCheckpoint | null {
  let r: TrackedCheckpoint;
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8')) as TrackedCheckpoint;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'not valid JSON';
    problems.push(`${file}: ${why}; checkpoint ${folder} not indexed`);
    return null;
  }
  if (typeof r.format === 'number' && r.format > MEMORY_FORMAT) {
    problems.push(`${file}: written by a newer CODITECT (format ${r.format}); update CODITECT to read it`);
    return null;
  }
  if (
    r.id !== folder ||
    !Array.isArray(r.sources) ||
    !Array.isArray(r.messages) ||
    !Array.isArray(r.occurrences)
  ) {
    problems.push(`${file}: not a checkpoint record (its id, sources or files are missing); not indexed`);
    return null;
  }
  return r;
}

/** One checkpoint, inside the caller's transaction. Returns the messages it added. */
function ingestCheckpoint(
  store: MemoryStore,
  layout: MemoryLayout,
  dir: string,
  r: TrackedCheckpoint,
  home: string,
): number {
  const db = connection(store);
  db.prepare(
    `INSERT INTO checkpoints(id, title, created_at, document, status, read_count, new_count, dup_count, redactions, author, machine)
     VALUES (?, ?, ?, ?, 'written', ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.title,
    r.created_at,
    r.document,
    r.counts.read,
    r.counts.new_unique,
    r.counts.duplicates,
    r.redactions,
    r.author ?? null,
    r.machine ?? null,
  );
  const sources = new Map<number, { id: number; project: string | null }>();
  for (const s of r.sources) {
    const id = upsertSource(store, layout, s, r.created_at, home);
    sources.set(s.ref, { id, project: s.project });
    db.prepare(
      `INSERT INTO source_imports(source_id, checkpoint_id, imported_at, start_offset, end_offset, read_count, new_count, dup_count, bad_lines)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      r.id,
      r.created_at,
      s.start_offset,
      s.end_offset,
      s.counts.read,
      s.counts.new_unique,
      s.counts.duplicates,
      s.bad_lines,
    );
  }
  const before = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM messages').pluck().get() as number) ?? 0;
  let added = 0;
  const insertMessage = db.prepare(
    'INSERT OR IGNORE INTO messages(hash, role, text, first_seen, kind) VALUES (?, ?, ?, ?, ?)',
  );
  for (const part of r.messages)
    for (const l of readPart<MessageLine>(path.join(dir, part)))
      added += insertMessage.run(l.h, l.r, l.t, r.created_at, knownKind(l.k)).changes;
  for (const part of r.occurrences) ingestOccurrences(store, path.join(dir, part), r.id, sources);
  // The source a message was first seen in: what search shows beside it.
  db.prepare(
    `UPDATE messages SET first_source_id = (SELECT o.source_id FROM occurrences o WHERE o.message_id = messages.id ORDER BY o.id LIMIT 1)
     WHERE id > ? AND first_source_id IS NULL`,
  ).run(before);
  return added;
}

/** A kind this version knows; another machine's newer kind is read as an ordinary message. */
function knownKind(k: string | undefined): MessageKind | null {
  return k !== undefined && (MESSAGE_KINDS as readonly string[]).includes(k) ? (k as MessageKind) : null;
}

function ingestOccurrences(
  store: MemoryStore,
  file: string,
  checkpointId: string,
  sources: Map<number, { id: number; project: string | null }>,
): void {
  const db = connection(store);
  const byHash = db.prepare('SELECT id FROM messages WHERE hash = ?').pluck();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO occurrences(message_id, source_id, seq, duplicate, uuid, parent_uuid, session_id, turn_id, timestamp,
       cwd, git_branch, is_sidechain, agent_id, tool_name, checkpoint_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const compaction = db.prepare(
    `INSERT OR IGNORE INTO compactions(uuid, session_id, logical_parent_uuid, timestamp, trigger_kind, source_id, checkpoint_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of readPart<TrackedOccurrence | TrackedCompaction>(file)) {
    const src = sources.get(l.s);
    if (!src)
      throw new Error(`${path.basename(file)} names a source (${l.s}) its checkpoint.json does not list`);
    if ('c' in l) {
      compaction.run(l.c.uuid, l.c.sid, l.c.lp, l.c.ts, l.c.trigger, src.id, checkpointId);
      continue;
    }
    const mid = byHash.get(l.h) as number | undefined;
    if (mid === undefined)
      throw new Error(`message ${l.h.slice(0, 12)} of ${path.basename(file)} is in no messages file`);
    const cwd = l.cwd === undefined ? null : l.cwd === '.' ? src.project : l.cwd;
    insert.run(
      mid,
      src.id,
      l.q,
      l.d ? 1 : 0,
      l.u ?? null,
      l.p ?? null,
      l.sid ?? null,
      l.turn ?? null,
      l.ts ?? null,
      cwd,
      l.br ?? null,
      l.sc ? 1 : 0,
      l.ag ?? null,
      l.tool ?? null,
      checkpointId,
    );
  }
}

/**
 * A source by its identity across machines. A source the index knows keeps its local state,
 * except a transcript's offset, which moves forward to the furthest any checkpoint read.
 */
function upsertSource(
  store: MemoryStore,
  layout: MemoryLayout,
  s: TrackedSource,
  at: string,
  home: string,
): number {
  const db = connection(store);
  const localPath = expandHome(s.path, home)!;
  const archive = s.archived_as ? path.join(layout.root, s.archived_as) : null;
  const known = (
    s.kind === 'export'
      ? db.prepare("SELECT id, end_offset FROM sources WHERE kind = 'export' AND sha256 = ?").get(s.sha256)
      : db.prepare("SELECT id, end_offset FROM sources WHERE kind = 'transcript' AND path = ?").get(localPath)
  ) as { id: number; end_offset: number } | undefined;
  if (known) {
    if (s.end_offset > known.end_offset)
      db.prepare('UPDATE sources SET end_offset = ?, prefix_sha256 = ? WHERE id = ?').run(
        s.end_offset,
        s.prefix_sha256,
        known.id,
      );
    if (archive)
      db.prepare(
        'UPDATE sources SET archive_path = COALESCE(archive_path, ?), archived = 1 WHERE id = ?',
      ).run(archive, known.id);
    return known.id;
  }
  const raw = s.kind === 'transcript' ? rawArchivePath(layout.rawTranscriptsDir, localPath) : null;
  const rawBytes = raw && fs.existsSync(raw) ? fs.statSync(raw).size : 0;
  // A transcript this machine does not have (another machine's) has nothing to copy here; one it
  // has without a copy (a lost `.local/`) is copied again by the next run.
  const copied = rawBytes > 0 || (s.kind === 'transcript' && !fs.existsSync(localPath));
  const r = db
    .prepare(
      `INSERT INTO sources(kind, path, name, sha256, end_offset, prefix_sha256, project, imported_at, archive_path, archived,
         raw_archived_offset, raw_archive_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      s.kind,
      localPath,
      s.name,
      s.sha256,
      s.end_offset,
      s.prefix_sha256,
      s.project,
      at,
      archive,
      archive ? 1 : 0,
      copied ? s.end_offset : 0,
      rawBytes,
    );
  return Number(r.lastInsertRowid);
}

/** The lines of a compressed part; a damaged part throws, naming the file. */
function* readPart<T>(file: string): Generator<T> {
  let text: string;
  try {
    text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `${path.basename(file)} is ${code === 'ENOENT' ? 'missing' : 'damaged (not a complete gzip file)'}`,
    );
  }
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    if (!raw) continue;
    try {
      yield JSON.parse(raw) as T;
    } catch {
      throw new Error(`${path.basename(file)} line ${lineNo} is not valid JSON`);
    }
  }
}
