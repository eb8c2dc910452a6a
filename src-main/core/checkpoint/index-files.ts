import path from 'node:path';
import { dedupRate, type DedupCounts } from '../model';
import type { MemoryStore } from '../memory/store';
import type { MemoryLayout } from '../workspace/memory-layout';
import { writeFileAtomic } from '../workspace/atomic-write';
import { CheckpointRepository, type CheckpointRow, type CheckpointSourceRow } from './checkpoint-repo';
import { sourceKey } from './source-key';

export interface CountsJson {
  read: number;
  new_unique: number;
  duplicates: number;
  dedup_rate: number;
}

export interface IndexSource {
  key: string;
  kind: 'export' | 'transcript';
  name: string;
  path: string;
  sha256: string | null;
  project: string | null;
  archived_as: string | null;
  end_offset: number;
  prefix_sha256: string | null;
  bad_lines: number;
  counts: CountsJson;
}

export interface IndexCheckpoint {
  id: string;
  title: string;
  created_at: string;
  document: string;
  occurrences: string;
  redactions: number;
  counts: CountsJson;
  sources: IndexSource[];
}

export interface CheckpointIndex {
  version: 1;
  updated_at: string;
  checkpoints: IndexCheckpoint[];
}

export function countsJson(c: DedupCounts): CountsJson {
  return { read: c.read, new_unique: c.newUnique, duplicates: c.duplicates, dedup_rate: round(dedupRate(c)) };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function rel(layout: MemoryLayout, p: string): string {
  return path.relative(layout.root, p).split(path.sep).join('/');
}

function indexSource(layout: MemoryLayout, s: CheckpointSourceRow): IndexSource {
  return {
    key: sourceKey(s),
    kind: s.kind,
    name: s.name,
    path: s.path,
    sha256: s.sha256,
    project: s.project,
    archived_as: s.archive_path ? rel(layout, s.archive_path) : null,
    end_offset: s.end_offset,
    prefix_sha256: s.prefix_sha256,
    bad_lines: s.bad_lines,
    counts: countsJson({ read: s.read_count, newUnique: s.new_count, duplicates: s.dup_count }),
  };
}

function indexCheckpoint(
  layout: MemoryLayout,
  repo: CheckpointRepository,
  c: CheckpointRow,
): IndexCheckpoint {
  return {
    id: c.id,
    title: c.title,
    created_at: c.created_at,
    document: c.document,
    occurrences: `dedup_state/occurrences/${c.id}.jsonl`,
    redactions: c.redactions,
    counts: countsJson({ read: c.read_count, newUnique: c.new_count, duplicates: c.dup_count }),
    sources: repo.sourcesOf(c.id).map((s) => indexSource(layout, s)),
  };
}

/** Rewrite `dedup_state/checkpoint_index.json` from the store (atomically). */
export function writeCheckpointIndex(store: MemoryStore, layout: MemoryLayout): CheckpointIndex {
  const repo = new CheckpointRepository(store);
  const index: CheckpointIndex = {
    version: 1,
    updated_at: new Date().toISOString(),
    checkpoints: repo.list().map((c) => indexCheckpoint(layout, repo, c)),
  };
  writeFileAtomic(layout.checkpointIndexFile, JSON.stringify(index, null, 2) + '\n');
  return index;
}

export interface Manifest {
  product: 'CODITECT';
  format: 1;
  updated_at: string;
  totals: {
    exports: number;
    transcripts: number;
    checkpoints: number;
    global_unique_messages: number;
    messages_read: number;
    duplicates: number;
    dedup_rate: number;
  };
  latest_checkpoint: string | null;
  checkpoints: { id: string; title: string; created_at: string; document: string; counts: CountsJson }[];
}

/** `MANIFEST.json`: the summary dashboards read. */
export function writeManifest(store: MemoryStore, layout: MemoryLayout, index: CheckpointIndex): Manifest {
  const q = (sql: string) => store.db.prepare(sql).pluck().get() as number;
  const read = index.checkpoints.reduce((n, c) => n + c.counts.read, 0);
  const dups = index.checkpoints.reduce((n, c) => n + c.counts.duplicates, 0);
  const manifest: Manifest = {
    product: 'CODITECT',
    format: 1,
    updated_at: index.updated_at,
    totals: {
      exports: q("SELECT COUNT(*) FROM sources WHERE kind = 'export'"),
      transcripts: q("SELECT COUNT(*) FROM sources WHERE kind = 'transcript'"),
      checkpoints: index.checkpoints.length,
      global_unique_messages: q('SELECT COUNT(*) FROM messages'),
      messages_read: read,
      duplicates: dups,
      dedup_rate: read ? round(dups / read) : 0,
    },
    latest_checkpoint: index.checkpoints.at(-1)?.id ?? null,
    checkpoints: index.checkpoints.map(({ id, title, created_at, document, counts }) => ({
      id,
      title,
      created_at,
      document,
      counts,
    })),
  };
  writeFileAtomic(layout.manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
