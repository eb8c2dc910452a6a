import os from 'node:os';
import path from 'node:path';
import { dedupRate, type DedupCounts } from '../model';
import type { ReadStore } from '../memory/store';
import { contentCounts } from '../memory/totals';
import type { MemoryLayout } from '../workspace/memory-layout';
import { writeFileAtomic } from '../workspace/atomic-write';
import { CheckpointReader, type CheckpointRow } from '../memory/checkpoints';
import { MEMORY_FORMAT, type TrackedCheckpoint } from './tracked-format';
import { trackedSource } from './write-tracked';

export interface CountsJson {
  read: number;
  new_unique: number;
  duplicates: number;
  dedup_rate: number;
}

export interface IndexCheckpoint extends Omit<TrackedCheckpoint, 'counts' | 'messages' | 'occurrences'> {
  counts: CountsJson;
  /** The checkpoint's folder of tracked files, relative to the memory. */
  state: string;
}

/** `.local/checkpoint_index.json`: every checkpoint at a glance, derived from the store (untracked). */
export interface CheckpointIndex {
  version: typeof MEMORY_FORMAT;
  updated_at: string;
  checkpoints: IndexCheckpoint[];
}

function countsJson(c: DedupCounts): CountsJson {
  return { read: c.read, new_unique: c.newUnique, duplicates: c.duplicates, dedup_rate: round(dedupRate(c)) };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function indexCheckpoint(
  layout: MemoryLayout,
  repo: CheckpointReader,
  c: CheckpointRow,
  home: string,
): IndexCheckpoint {
  return {
    format: MEMORY_FORMAT,
    id: c.id,
    title: c.title,
    created_at: c.created_at,
    author: c.author,
    machine: c.machine,
    document: c.document,
    state: path.relative(layout.root, path.join(layout.checkpointStateDir, c.id)).split(path.sep).join('/'),
    redactions: c.redactions,
    counts: countsJson({ read: c.read_count, newUnique: c.new_count, duplicates: c.dup_count }),
    sources: repo.sourcesOf(c.id).map((s, i) => trackedSource(s, i + 1, home, layout.root)),
  };
}

/** Rewrite `.local/checkpoint_index.json` from the store (atomically). */
export function writeCheckpointIndex(
  store: ReadStore,
  layout: MemoryLayout,
  home: string = os.homedir(),
): CheckpointIndex {
  const repo = new CheckpointReader(store);
  const index: CheckpointIndex = {
    version: MEMORY_FORMAT,
    updated_at: new Date().toISOString(),
    checkpoints: repo.list().map((c) => indexCheckpoint(layout, repo, c, home)),
  };
  writeFileAtomic(layout.checkpointIndexFile, JSON.stringify(index, null, 2) + '\n');
  return index;
}

export interface Manifest {
  product: 'CODITECT';
  format: typeof MEMORY_FORMAT;
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

/** `.local/MANIFEST.json`: the totals dashboards read, derived from the store (untracked). */
export function writeManifest(store: ReadStore, layout: MemoryLayout, index: CheckpointIndex): Manifest {
  const counts = contentCounts(store);
  const read = index.checkpoints.reduce((n, c) => n + c.counts.read, 0);
  const dups = index.checkpoints.reduce((n, c) => n + c.counts.duplicates, 0);
  const manifest: Manifest = {
    product: 'CODITECT',
    format: MEMORY_FORMAT,
    updated_at: index.updated_at,
    totals: {
      exports: counts.exports,
      transcripts: counts.transcripts,
      checkpoints: index.checkpoints.length,
      global_unique_messages: counts.globalUniqueMessages,
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
