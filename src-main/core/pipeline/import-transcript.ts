import path from 'node:path';
import type { FoundFile } from '../discovery/types';
import type { TranscriptStats } from '../formats/jsonl-transcript';
import { MessageWriter } from '../memory/message-writer';
import { SourceRepository, type SourceRow } from '../memory/sources';
import type { MemoryStore } from '../memory/store';
import type { FileResult } from './file-result';
import type { ParseEvent, TranscriptJob } from './parse-job';

/**
 * A Claude Code JSONL transcript is imported incrementally: when the bytes consumed last time
 * are unchanged, only what was appended since is read (the parser checks, see parse-job). A
 * rewritten file is read again from the start; uuids make that safe (a known uuid is a
 * duplicate, never a second copy).
 */
export type TranscriptPlan =
  | { status: 'unchanged'; result: FileResult }
  | { status: 'read'; job: TranscriptJob; row: SourceRow | undefined };

/** What to read: nothing when size and mtime are what the last import saw. */
export function planTranscript(store: MemoryStore, file: FoundFile): TranscriptPlan {
  const row = new SourceRepository(store).transcriptByPath(file.path);
  if (row && row.size === file.size && row.mtime_ms === file.mtimeMs)
    return { status: 'unchanged', result: unchanged(file, row) };
  const resume = row?.prefix_sha256 ? { endOffset: row.end_offset, prefixSha256: row.prefix_sha256 } : null;
  return {
    status: 'read',
    row,
    job: { kind: 'transcript', path: file.path, agentId: file.agentId, resume },
  };
}

export async function importTranscriptFile(
  store: MemoryStore,
  file: FoundFile,
  row: SourceRow | undefined,
  events: AsyncIterable<ParseEvent>,
): Promise<FileResult> {
  const iterator = events[Symbol.asyncIterator]();
  try {
    const first = (await iterator.next()).value as ParseEvent | undefined;
    if (!first || first.type === 'failed') return failed(file, first?.reason ?? 'the parser gave no result');
    if (first.type !== 'transcript-start') return failed(file, `unexpected parser event ${first.type}`);
    const start = first.startOffset;
    // Only a modification time changed (touched, or a partial line came and went).
    if (row && start === row.end_offset && file.size === row.end_offset) {
      new SourceRepository(store).touch(row.id, file.size, file.mtimeMs);
      return unchanged(file, row);
    }
    return await store.inTransaction(() => importFrom(store, file, row, start, iterator));
  } finally {
    await iterator.return?.();
  }
}

async function importFrom(
  store: MemoryStore,
  file: FoundFile,
  row: SourceRow | undefined,
  start: number,
  events: AsyncIterator<ParseEvent>,
): Promise<FileResult> {
  const sources = new SourceRepository(store);
  const now = new Date().toISOString();
  const sourceId = row?.id ?? sources.insert(newTranscriptSource(file, now));
  const writer = new MessageWriter(store, sourceId, nextSeq(store, sourceId), now);
  let project: string | null = null;
  for (let next = await events.next(); !next.done; next = await events.next()) {
    const ev = next.value;
    if (ev.type === 'failed') throw new Error(ev.reason);
    if (ev.type === 'items') {
      for (const item of ev.items) {
        if (item.kind === 'compaction') writer.addCompaction(item.boundary);
        else {
          project ??= item.message.cwd ?? null;
          writer.add(item.message, item.message.hash, item.message.clean);
        }
      }
    }
    if (ev.type === 'transcript-end') {
      if (project && !row?.project) sources.setProject(sourceId, project);
      return finish(sources, file, sourceId, writer, start, ev.stats, ev.prefixSha256);
    }
  }
  throw new Error('the parser stopped before the end of the file');
}

function finish(
  sources: SourceRepository,
  file: FoundFile,
  sourceId: number,
  writer: MessageWriter,
  start: number,
  stats: TranscriptStats,
  prefixSha256: string,
): FileResult {
  sources.setTranscriptProgress(sourceId, {
    endOffset: stats.endOffset,
    prefixSha256,
    size: file.size,
    mtimeMs: file.mtimeMs,
  });
  sources.recordImport(sourceId, writer.counts, {
    badLines: stats.badLines,
    startOffset: start,
    endOffset: stats.endOffset,
  });
  return {
    status: 'imported',
    path: file.path,
    kind: 'transcript',
    sourceId,
    counts: { ...writer.counts },
    notes: transcriptNotes(stats, start),
  };
}

function newTranscriptSource(file: FoundFile, now: string) {
  return {
    kind: 'transcript' as const,
    path: file.path,
    name: path.basename(file.path),
    sha256: null,
    size: 0,
    mtimeMs: 0,
    project: null,
    titleHint: null,
    importedAt: now,
  };
}

function nextSeq(store: MemoryStore, sourceId: number): number {
  const v = store.db.prepare('SELECT MAX(seq) FROM occurrences WHERE source_id = ?').pluck().get(sourceId) as
    number | null;
  return v === null ? 0 : v + 1;
}

function transcriptNotes(s: TranscriptStats, start: number): string[] {
  const notes: string[] = [];
  if (start > 0) notes.push(`incremental from byte ${start}`);
  if (s.badLines) notes.push(`${s.badLines} bad line(s) skipped`);
  if (s.unknownTypes) notes.push(`${s.unknownTypes} line(s) of unknown type skipped`);
  if (s.partialTail) notes.push('an unfinished last line waits for the next run');
  return notes;
}

function unchanged(file: FoundFile, row: SourceRow): FileResult {
  return { status: 'unchanged', path: file.path, kind: 'transcript', sourceId: row.id };
}

function failed(file: FoundFile, reason: string): FileResult {
  return { status: 'failed', path: file.path, kind: 'transcript', reason };
}
