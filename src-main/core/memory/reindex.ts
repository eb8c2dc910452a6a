import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { CheckpointIndex, IndexCheckpoint, IndexSource } from '../checkpoint/index-files';
import type { CompactionLine, OccurrenceLine } from '../checkpoint/occurrences-file';
import { parseLine } from '../checkpoint/unique-messages-file';
import { rawArchivePath } from '../checkpoint/raw-transcripts';
import type { MemoryLayout } from '../workspace/memory-layout';
import { MemoryStore } from './store';

export interface ReindexReport {
  messages: number;
  checkpoints: number;
  sources: number;
  occurrences: number;
  problems: string[];
  backup: string | null;
}

/**
 * Rebuild the SQLite index from the git-tracked state alone (after a clone or `git pull` on
 * another machine, or when the index is damaged). Built beside the old one and swapped in
 * at the end; the old index is kept as a backup, never deleted.
 */
export async function reindex(layout: MemoryLayout): Promise<ReindexReport> {
  const tmp = `${layout.storeFile}.rebuild`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const store = MemoryStore.open(tmp);
  const report: ReindexReport = {
    messages: 0,
    checkpoints: 0,
    sources: 0,
    occurrences: 0,
    problems: [],
    backup: null,
  };
  try {
    report.messages = await loadMessages(store, layout.uniqueMessagesFile, report.problems);
    const index = readIndex(layout.checkpointIndexFile, report.problems);
    const ids = new Map<string, number>();
    for (const c of index?.checkpoints ?? []) {
      loadCheckpoint(store, layout, c, ids);
      report.occurrences += await loadOccurrences(store, layout, c, ids, report.problems);
      report.checkpoints++;
    }
    report.sources = ids.size;
    store.setMeta('state.unique_messages.bytes', String(fileSize(layout.uniqueMessagesFile)));
    store.catchUpSearchIndex();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
  report.backup = swapIn(layout.storeFile, tmp);
  return report;
}

async function loadMessages(store: MemoryStore, file: string, problems: string[]): Promise<number> {
  if (!fs.existsSync(file)) return 0;
  const insert = store.db.prepare(
    'INSERT OR IGNORE INTO messages(hash, role, text, first_seen) VALUES (?, ?, ?, ?)',
  );
  let n = 0;
  let lineNo = 0;
  store.db.exec('BEGIN');
  for await (const raw of readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  })) {
    lineNo++;
    if (!raw.trim()) continue;
    const l = parseLine(raw);
    if (!l) {
      problems.push(`${file}:${lineNo}: not a unique-message line; skipped`);
      continue;
    }
    n += insert.run(l.hash, l.role, l.text, l.first_seen).changes;
  }
  store.db.exec('COMMIT');
  return n;
}

function readIndex(file: string, problems: string[]): CheckpointIndex | null {
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CheckpointIndex;
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}; checkpoints not restored`);
    return null;
  }
}

function loadCheckpoint(
  store: MemoryStore,
  layout: MemoryLayout,
  c: IndexCheckpoint,
  ids: Map<string, number>,
): void {
  const db = store.db;
  db.transaction(() => {
    db.prepare(
      `INSERT OR REPLACE INTO checkpoints(id, title, created_at, document, status, read_count, new_count, dup_count, redactions)
       VALUES (?, ?, ?, ?, 'written', ?, ?, ?, ?)`,
    ).run(
      c.id,
      c.title,
      c.created_at,
      c.document,
      c.counts.read,
      c.counts.new_unique,
      c.counts.duplicates,
      c.redactions,
    );
    for (const s of c.sources) {
      const id = upsertSource(store, layout, s, c.created_at, ids);
      db.prepare(
        `INSERT INTO source_imports(source_id, checkpoint_id, imported_at, end_offset, read_count, new_count, dup_count, bad_lines)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        c.id,
        c.created_at,
        s.end_offset,
        s.counts.read,
        s.counts.new_unique,
        s.counts.duplicates,
        s.bad_lines,
      );
    }
  })();
}

function upsertSource(
  store: MemoryStore,
  layout: MemoryLayout,
  s: IndexSource,
  at: string,
  ids: Map<string, number>,
): number {
  const archive = s.archived_as ? path.join(layout.root, s.archived_as) : null;
  const raw = s.kind === 'transcript' ? rawArchivePath(layout.rawTranscriptsDir, s.path) : null;
  const rawBytes = raw && fs.existsSync(raw) ? fs.statSync(raw).size : 0;
  const known = ids.get(s.key);
  if (known !== undefined) {
    store.db
      .prepare(
        'UPDATE sources SET end_offset = ?, prefix_sha256 = ?, archive_path = COALESCE(?, archive_path), archived = MAX(archived, ?) WHERE id = ?',
      )
      .run(s.end_offset, s.prefix_sha256, archive, archive ? 1 : 0, known);
    return known;
  }
  const r = store.db
    .prepare(
      `INSERT INTO sources(kind, path, name, sha256, end_offset, prefix_sha256, project, imported_at, archive_path, archived,
         raw_archived_offset, raw_archive_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      s.kind,
      s.path,
      s.name,
      s.sha256,
      s.end_offset,
      s.prefix_sha256,
      s.project,
      at,
      archive,
      archive ? 1 : 0,
      rawBytes ? s.end_offset : 0,
      rawBytes,
    );
  ids.set(s.key, Number(r.lastInsertRowid));
  return Number(r.lastInsertRowid);
}

async function loadOccurrences(
  store: MemoryStore,
  layout: MemoryLayout,
  c: IndexCheckpoint,
  ids: Map<string, number>,
  problems: string[],
): Promise<number> {
  const file = path.join(layout.root, c.occurrences);
  if (!fs.existsSync(file)) {
    problems.push(`${file}: missing; checkpoint ${c.id} restored without its messages`);
    return 0;
  }
  const byHash = store.db.prepare('SELECT id FROM messages WHERE hash = ?').pluck();
  const insert = store.db.prepare(
    `INSERT OR IGNORE INTO occurrences(message_id, source_id, seq, duplicate, uuid, parent_uuid, session_id, turn_id, timestamp,
       cwd, git_branch, is_sidechain, agent_id, tool_name, checkpoint_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const compaction = store.db.prepare(
    `INSERT OR IGNORE INTO compactions(uuid, session_id, logical_parent_uuid, timestamp, trigger_kind, source_id, checkpoint_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  store.db.exec('BEGIN');
  for await (const raw of readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (!raw.trim()) continue;
    const l = JSON.parse(raw) as OccurrenceLine | CompactionLine;
    const src = ids.get(l.src);
    if (src === undefined) continue;
    if ('compaction' in l) {
      const k = l.compaction;
      compaction.run(k.uuid, k.sid, k.lp, k.ts, k.trigger, src, c.id);
      continue;
    }
    const mid = byHash.get(l.h) as number | undefined;
    if (mid === undefined) {
      problems.push(`${file}: message ${l.h.slice(0, 12)} is not in unique_messages.jsonl; skipped`);
      continue;
    }
    n += insert.run(
      mid,
      src,
      l.q,
      l.dup,
      l.u ?? null,
      l.p ?? null,
      l.sid ?? null,
      l.turn ?? null,
      l.ts ?? null,
      l.cwd ?? null,
      l.br ?? null,
      l.sc ?? 0,
      l.ag ?? null,
      l.tool ?? null,
      c.id,
    ).changes;
  }
  store.db.exec('COMMIT');
  return n;
}

function swapIn(storeFile: string, tmp: string): string | null {
  let backup: string | null = null;
  if (fs.existsSync(storeFile)) {
    backup = `${storeFile}.before-reindex-${Date.now()}`;
    fs.renameSync(storeFile, backup);
    for (const ext of ['-wal', '-shm'])
      if (fs.existsSync(storeFile + ext)) fs.renameSync(storeFile + ext, backup + ext);
  }
  fs.renameSync(tmp, storeFile);
  for (const ext of ['-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
  return backup;
}

function fileSize(f: string): number {
  return fs.existsSync(f) ? fs.statSync(f).size : 0;
}
