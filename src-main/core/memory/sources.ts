import { homeRelative } from '../checkpoint/tracked-format';
import type { DedupCounts, SourceKind } from '../model';
import { connection, statement } from './connection';
import type { MemoryStore, ReadStore } from './store';

export interface SourceRow {
  id: number;
  kind: SourceKind;
  path: string;
  name: string;
  sha256: string | null;
  size: number;
  mtime_ms: number;
  end_offset: number;
  prefix_sha256: string | null;
  project: string | null;
  title_hint: string | null;
  imported_at: string;
  archive_path: string | null;
  archived: number;
  raw_archived_offset: number;
  raw_archive_bytes: number;
}

export interface NewSource {
  kind: SourceKind;
  path: string;
  name: string;
  sha256: string | null;
  size: number;
  mtimeMs: number;
  project: string | null;
  titleHint: string | null;
  importedAt: string;
}

/** A file as discovery found it: enough to tell whether the index holds it unchanged. */
export interface SourceFileStat {
  kind: SourceKind;
  path: string;
  size: number;
  mtimeMs: number;
}

/** A test: does the index hold this file already, unchanged (same path, size and time)? */
export function unchangedSourceTest(store: ReadStore): (f: SourceFileStat) => boolean {
  const stmt = connection(store)
    .prepare('SELECT 1 FROM sources WHERE kind = ? AND path = ? AND size = ? AND mtime_ms = ?')
    .pluck();
  return (f) => stmt.get(f.kind, f.path, f.size, f.mtimeMs) !== undefined;
}

/** The sequence number the source's next occurrence takes (0 for a source with none yet). */
export function nextOccurrenceSeq(store: ReadStore, sourceId: number): number {
  const v = connection(store)
    .prepare('SELECT MAX(seq) FROM occurrences WHERE source_id = ?')
    .pluck()
    .get(sourceId) as number | null;
  return v === null ? 0 : v + 1;
}

/** Read and write the `sources` table: what was imported, how far, and where it went. */
export class SourceRepository {
  constructor(private readonly store: MemoryStore) {}

  exportBySha(sha256: string): SourceRow | undefined {
    return statement(this.store, "SELECT * FROM sources WHERE kind = 'export' AND sha256 = ?").get(sha256) as
      SourceRow | undefined;
  }

  transcriptByPath(p: string): SourceRow | undefined {
    return statement(this.store, "SELECT * FROM sources WHERE kind = 'transcript' AND path = ?").get(p) as
      SourceRow | undefined;
  }

  byId(id: number): SourceRow | undefined {
    return statement(this.store, 'SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  }

  insert(s: NewSource): number {
    const r = statement(
      this.store,
      `INSERT INTO sources(kind, path, name, sha256, size, mtime_ms, project, title_hint, imported_at)
         VALUES (@kind, @path, @name, @sha256, @size, @mtimeMs, @project, @titleHint, @importedAt)`,
    )
      // A project under the home folder is kept as `~/…`, as the tracked memory names it.
      .run({ ...s, project: homeRelative(s.project) });
    return Number(r.lastInsertRowid);
  }

  /** One import of a source; the checkpoint that takes it is assigned later. */
  recordImport(
    id: number,
    c: DedupCounts,
    r: { badLines?: number; startOffset?: number; endOffset?: number } = {},
  ): void {
    statement(
      this.store,
      `INSERT INTO source_imports(source_id, imported_at, start_offset, end_offset, read_count, new_count, dup_count, bad_lines)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      new Date().toISOString(),
      r.startOffset ?? 0,
      r.endOffset ?? 0,
      c.read,
      c.newUnique,
      c.duplicates,
      r.badLines ?? 0,
    );
  }

  /** Record how far a transcript has been consumed, and the hash of those bytes. */
  setTranscriptProgress(
    id: number,
    p: { endOffset: number; prefixSha256: string; size: number; mtimeMs: number },
  ): void {
    statement(
      this.store,
      'UPDATE sources SET end_offset = ?, prefix_sha256 = ?, size = ?, mtime_ms = ?, imported_at = ? WHERE id = ?',
    ).run(p.endOffset, p.prefixSha256, p.size, p.mtimeMs, new Date().toISOString(), id);
  }

  /** A transcript's project (its `cwd`) is known once its first message was read. */
  setProject(id: number, project: string): void {
    statement(this.store, 'UPDATE sources SET project = ? WHERE id = ?').run(homeRelative(project), id);
  }

  /** The transcript was seen again unchanged at a new mtime (touch): remember it to skip cheaply. */
  touch(id: number, size: number, mtimeMs: number): void {
    statement(this.store, 'UPDATE sources SET size = ?, mtime_ms = ? WHERE id = ?').run(size, mtimeMs, id);
  }

  /** The export was found again at another path after import (e.g. a crash before archive). */
  setPath(id: number, p: string): void {
    statement(this.store, 'UPDATE sources SET path = ? WHERE id = ?').run(p, id);
  }

  exportsToArchive(): SourceRow[] {
    return statement(
      this.store,
      "SELECT * FROM sources WHERE kind = 'export' AND archived = 0 ORDER BY id",
    ).all() as SourceRow[];
  }

  planArchive(id: number, target: string): void {
    statement(this.store, 'UPDATE sources SET archive_path = ? WHERE id = ?').run(target, id);
  }

  markArchived(id: number, target: string): void {
    statement(this.store, 'UPDATE sources SET archive_path = ?, archived = 1 WHERE id = ?').run(target, id);
  }

  transcriptsToCopy(): SourceRow[] {
    return statement(
      this.store,
      "SELECT * FROM sources WHERE kind = 'transcript' AND raw_archived_offset < end_offset ORDER BY id",
    ).all() as SourceRow[];
  }

  setRawArchived(id: number, offset: number, bytes: number): void {
    statement(
      this.store,
      'UPDATE sources SET raw_archived_offset = ?, raw_archive_bytes = ? WHERE id = ?',
    ).run(offset, bytes, id);
  }
}
