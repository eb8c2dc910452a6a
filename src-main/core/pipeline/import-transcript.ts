import path from 'node:path';
import type { FoundFile } from '../discovery/types';
import type { TranscriptStats } from '../formats/jsonl-transcript';
import { MessageWriter } from '../memory/message-writer';
import { nextOccurrenceSeq, SourceRepository, type SourceRow } from '../memory/sources';
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
    job: { kind: 'transcript', path: file.path, agentId: file.agentId, resume, settledSize: file.size },
  };
}

/**
 * Up to this many new bytes, a transcript's parse events are gathered first and written in one
 * go, a store unit without a savepoint (writeUnit); beyond, they are written as they stream in,
 * inside a savepoint, so a file that fails halfway is undone alone. Most transcripts are small.
 */
const GATHER_BYTES = 4 * 1024 * 1024;

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
    if (file.size - start <= GATHER_BYTES) {
      const all = await gather(iterator);
      if (typeof all === 'string') return failed(file, all);
      return store.writeUnit(() => writeAll(new TranscriptWrite(store, file, row, start), all));
    }
    return await store.inTransaction(() =>
      writeStreamed(new TranscriptWrite(store, file, row, start), iterator),
    );
  } finally {
    await iterator.return?.();
  }
}

/** Every event to the end of the file, or why the parse failed (then nothing was written). */
async function gather(events: AsyncIterator<ParseEvent>): Promise<ParseEvent[] | string> {
  const all: ParseEvent[] = [];
  for (let next = await events.next(); !next.done; next = await events.next()) {
    if (next.value.type === 'failed') return next.value.reason;
    all.push(next.value);
    if (next.value.type === 'transcript-end') return all;
  }
  return STOPPED_EARLY;
}

const STOPPED_EARLY = 'the parser stopped before the end of the file';

function writeAll(write: TranscriptWrite, events: ParseEvent[]): FileResult {
  for (const ev of events) {
    const done = write.apply(ev);
    if (done) return done;
  }
  throw new Error(STOPPED_EARLY);
}

async function writeStreamed(write: TranscriptWrite, events: AsyncIterator<ParseEvent>): Promise<FileResult> {
  for (let next = await events.next(); !next.done; next = await events.next()) {
    const done = write.apply(next.value);
    if (done) return done;
  }
  throw new Error(STOPPED_EARLY);
}

/** One transcript's import into the store, fed its parse events in order. */
class TranscriptWrite {
  private readonly sources: SourceRepository;
  private readonly sourceId: number;
  private readonly writer: MessageWriter;
  private project: string | null = null;

  constructor(
    store: MemoryStore,
    private readonly file: FoundFile,
    private readonly row: SourceRow | undefined,
    private readonly start: number,
  ) {
    this.sources = new SourceRepository(store);
    const now = new Date().toISOString();
    this.sourceId = row?.id ?? this.sources.insert(newTranscriptSource(file, now));
    this.writer = new MessageWriter(store, this.sourceId, nextOccurrenceSeq(store, this.sourceId), now);
  }

  /** The file's result once its last event is in; null before. */
  apply(ev: ParseEvent): FileResult | null {
    if (ev.type === 'failed') throw new Error(ev.reason);
    if (ev.type === 'items') {
      for (const item of ev.items) {
        if (item.kind === 'compaction') this.writer.addCompaction(item.boundary);
        else {
          this.project ??= item.message.cwd ?? null;
          this.writer.add(item.message, item.message.hash, item.message.clean);
        }
      }
    }
    if (ev.type !== 'transcript-end') return null;
    if (this.project && !this.row?.project) this.sources.setProject(this.sourceId, this.project);
    return finish(this.sources, this.file, this.sourceId, this.writer, this.start, ev.stats, ev.prefixSha256);
  }
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

function transcriptNotes(s: TranscriptStats, start: number): string[] {
  const notes: string[] = [];
  if (start > 0) notes.push(`incremental from byte ${start}`);
  if (s.badLines) notes.push(`${s.badLines} bad line(s) skipped (${describeLineNumbers(s)})`);
  if (s.unknownTypes) notes.push(`${s.unknownTypes} line(s) of unknown type skipped`);
  if (s.partialTail) notes.push('the last line is waiting for its end (read on a later run)');
  return notes;
}

function describeLineNumbers(s: TranscriptStats): string {
  const more = s.badLines - s.badLineNumbers.length;
  const label = s.badLineNumbers.length === 1 ? 'line' : 'lines';
  return `${label} ${s.badLineNumbers.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function unchanged(file: FoundFile, row: SourceRow): FileResult {
  return { status: 'unchanged', path: file.path, kind: 'transcript', sourceId: row.id };
}

function failed(file: FoundFile, reason: string): FileResult {
  return { status: 'failed', path: file.path, kind: 'transcript', reason };
}
