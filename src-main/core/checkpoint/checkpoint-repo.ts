import type { DedupCounts } from '../model';
import type { MemoryStore } from '../memory/store';

export interface CheckpointRow {
  id: string;
  title: string;
  created_at: string;
  document: string;
  status: 'pending' | 'written';
  read_count: number;
  new_count: number;
  dup_count: number;
  redactions: number;
  /** The git identity of the memory repository that made it (`Name <email>`), if any. */
  author: string | null;
  /** The name of the machine that made it (its host name); null when not recorded. */
  machine: string | null;
}

export interface CheckpointSourceRow {
  source_id: number;
  kind: 'export' | 'transcript';
  name: string;
  path: string;
  sha256: string | null;
  project: string | null;
  archive_path: string | null;
  /** The bytes of a transcript this checkpoint read (its own imports, not the source's later state). */
  start_offset: number;
  end_offset: number;
  prefix_sha256: string | null;
  read_count: number;
  new_count: number;
  dup_count: number;
  bad_lines: number;
}

/** The checkpoints table and the assignment of pending work to a checkpoint. */
export class CheckpointRepository {
  constructor(private readonly store: MemoryStore) {}

  pending(): CheckpointRow | undefined {
    return this.store.db
      .prepare("SELECT * FROM checkpoints WHERE status = 'pending' ORDER BY created_at LIMIT 1")
      .get() as CheckpointRow | undefined;
  }

  /**
   * An import that read no message (a transcript whose only line is still being written, a
   * file of malformed lines) is no work: alone it would make an empty checkpoint and commit.
   * It waits, unassigned, for the next checkpoint that has something in it.
   */
  hasUnassignedWork(): boolean {
    const db = this.store.db;
    return (
      db
        .prepare('SELECT 1 FROM source_imports WHERE checkpoint_id IS NULL AND read_count > 0 LIMIT 1')
        .get() !== undefined ||
      db.prepare('SELECT 1 FROM compactions WHERE checkpoint_id IS NULL LIMIT 1').get() !== undefined
    );
  }

  exists(id: string): boolean {
    return this.store.db.prepare('SELECT 1 FROM checkpoints WHERE id = ?').get(id) !== undefined;
  }

  /** Create the checkpoint and hand it every unassigned import, occurrence and compaction — atomically. */
  createFromUnassigned(c: {
    id: string;
    title: string;
    createdAt: string;
    document: string;
    author: string | null;
    machine: string | null;
  }): CheckpointRow {
    const db = this.store.db;
    db.transaction(() => {
      db.prepare(
        "INSERT INTO checkpoints(id, title, created_at, document, status, author, machine) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
      ).run(c.id, c.title, c.createdAt, c.document, c.author, c.machine);
      for (const table of ['source_imports', 'occurrences', 'compactions']) {
        db.prepare(`UPDATE ${table} SET checkpoint_id = ? WHERE checkpoint_id IS NULL`).run(c.id);
      }
      const t = this.totalsOf(c.id);
      db.prepare('UPDATE checkpoints SET read_count = ?, new_count = ?, dup_count = ? WHERE id = ?').run(
        t.read,
        t.newUnique,
        t.duplicates,
        c.id,
      );
    })();
    return this.get(c.id)!;
  }

  setRedactions(id: string, redactions: number): void {
    this.store.db.prepare('UPDATE checkpoints SET redactions = ? WHERE id = ?').run(redactions, id);
  }

  markWritten(id: string): void {
    this.store.db.prepare("UPDATE checkpoints SET status = 'written' WHERE id = ?").run(id);
  }

  get(id: string): CheckpointRow | undefined {
    return this.store.db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as
      CheckpointRow | undefined;
  }

  list(): CheckpointRow[] {
    return this.store.db
      .prepare('SELECT * FROM checkpoints ORDER BY created_at, id')
      .all() as CheckpointRow[];
  }

  totalsOf(id: string): DedupCounts {
    const r = this.store.db
      .prepare(
        `SELECT COALESCE(SUM(read_count),0) r, COALESCE(SUM(new_count),0) n, COALESCE(SUM(dup_count),0) d
         FROM source_imports WHERE checkpoint_id = ?`,
      )
      .get(id) as { r: number; n: number; d: number };
    return { read: r.r, newUnique: r.n, duplicates: r.d };
  }

  sourcesOf(id: string): CheckpointSourceRow[] {
    return this.store.db
      .prepare(
        `SELECT s.id source_id, s.kind, s.name, s.path, s.sha256, s.project, s.archive_path,
           MIN(i.start_offset) start_offset, MAX(i.end_offset) end_offset,
           CASE WHEN MAX(i.end_offset) = s.end_offset THEN s.prefix_sha256 END prefix_sha256,
           SUM(i.read_count) read_count, SUM(i.new_count) new_count, SUM(i.dup_count) dup_count, SUM(i.bad_lines) bad_lines
         FROM source_imports i JOIN sources s ON s.id = i.source_id
         WHERE i.checkpoint_id = ? GROUP BY s.id ORDER BY MIN(i.id)`,
      )
      .all(id) as CheckpointSourceRow[];
  }
}
