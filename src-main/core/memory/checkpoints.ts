import type { DedupCounts } from '../model';
import { buildMissingReadIndexes } from './bulk-indexes';
import { connection } from './connection';
import type { MemoryStore, ReadStore } from './store';

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

/** What unassigned imports suggest for the next checkpoint's title. */
export interface TitleHints {
  exportName: string | undefined;
  firstPrompt: string | null | undefined;
  project: string | null | undefined;
}

/** The checkpoints table as a reader sees it. */
export class CheckpointReader {
  constructor(protected readonly store: ReadStore) {}

  pending(): CheckpointRow | undefined {
    return connection(this.store)
      .prepare("SELECT * FROM checkpoints WHERE status = 'pending' ORDER BY created_at LIMIT 1")
      .get() as CheckpointRow | undefined;
  }

  /**
   * An import that read no message (a transcript whose only line is still being written, a
   * file of malformed lines) is no work: alone it would make an empty checkpoint and commit.
   * It waits, unassigned, for the next checkpoint that has something in it.
   */
  hasUnassignedWork(): boolean {
    const db = connection(this.store);
    return (
      db
        .prepare('SELECT 1 FROM source_imports WHERE checkpoint_id IS NULL AND read_count > 0 LIMIT 1')
        .get() !== undefined ||
      db.prepare('SELECT 1 FROM compactions WHERE checkpoint_id IS NULL LIMIT 1').get() !== undefined
    );
  }

  exists(id: string): boolean {
    return connection(this.store).prepare('SELECT 1 FROM checkpoints WHERE id = ?').get(id) !== undefined;
  }

  get(id: string): CheckpointRow | undefined {
    return connection(this.store).prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as
      CheckpointRow | undefined;
  }

  list(): CheckpointRow[] {
    return connection(this.store)
      .prepare('SELECT * FROM checkpoints ORDER BY created_at, id')
      .all() as CheckpointRow[];
  }

  totalsOf(id: string): DedupCounts {
    const r = connection(this.store)
      .prepare(
        `SELECT COALESCE(SUM(read_count),0) r, COALESCE(SUM(new_count),0) n, COALESCE(SUM(dup_count),0) d
         FROM source_imports WHERE checkpoint_id = ?`,
      )
      .get(id) as { r: number; n: number; d: number };
    return { read: r.r, newUnique: r.n, duplicates: r.d };
  }

  sourcesOf(id: string): CheckpointSourceRow[] {
    return connection(this.store)
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

  /** How many messages (new and duplicate) the checkpoint read. */
  messageCount(id: string): number {
    return connection(this.store)
      .prepare('SELECT COUNT(*) FROM occurrences WHERE checkpoint_id = ?')
      .pluck()
      .get(id) as number;
  }

  /** The first unassigned export's name and first prompt, and the first transcript's project. */
  titleHints(): TitleHints {
    const db = connection(this.store);
    const exp = db
      .prepare(
        `SELECT s.name, s.title_hint FROM source_imports i JOIN sources s ON s.id = i.source_id
         WHERE i.checkpoint_id IS NULL AND s.kind = 'export' ORDER BY i.id LIMIT 1`,
      )
      .get() as { name: string; title_hint: string | null } | undefined;
    const tr = db
      .prepare(
        `SELECT s.project FROM source_imports i JOIN sources s ON s.id = i.source_id
         WHERE i.checkpoint_id IS NULL AND s.kind = 'transcript' ORDER BY i.id LIMIT 1`,
      )
      .get() as { project: string | null } | undefined;
    return { exportName: exp?.name, firstPrompt: exp?.title_hint, project: tr?.project };
  }
}

/** The checkpoints table and the assignment of pending work to a checkpoint (the writer's). */
export class CheckpointRepository extends CheckpointReader {
  constructor(protected override readonly store: MemoryStore) {
    super(store);
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
    const db = connection(this.store);
    db.transaction(() => {
      db.prepare(
        "INSERT INTO checkpoints(id, title, created_at, document, status, author, machine) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
      ).run(c.id, c.title, c.createdAt, c.document, c.author, c.machine);
      for (const table of ['source_imports', 'occurrences', 'compactions']) {
        db.prepare(`UPDATE ${table} SET checkpoint_id = ? WHERE checkpoint_id IS NULL`).run(c.id);
      }
      // A large import left these out (bulk-indexes.ts): built now, with the rows' checkpoint.
      buildMissingReadIndexes(this.store);
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
    connection(this.store).prepare('UPDATE checkpoints SET redactions = ? WHERE id = ?').run(redactions, id);
  }

  markWritten(id: string): void {
    connection(this.store).prepare("UPDATE checkpoints SET status = 'written' WHERE id = ?").run(id);
  }
}
