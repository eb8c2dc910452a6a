import path from 'node:path';
import type { FoundFile } from '../discovery/types';
import { readTranscript, type TranscriptStats } from '../formats/jsonl-transcript';
import { hashFileRange, newSha256 } from '../identity/file-hash';
import { MessageWriter } from '../memory/message-writer';
import { SourceRepository, type SourceRow } from '../memory/sources';
import type { MemoryStore } from '../memory/store';
import type { FileResult } from './file-result';

/**
 * Import a Claude Code JSONL transcript, incrementally: when the bytes consumed last time
 * are unchanged, only what was appended since is read. A rewritten file is read again from
 * the start; uuids make that safe (a known uuid is a duplicate, never a second copy).
 */
export async function importTranscriptFile(store: MemoryStore, file: FoundFile): Promise<FileResult> {
  const sources = new SourceRepository(store);
  const row = sources.transcriptByPath(file.path);
  if (row && row.size === file.size && row.mtime_ms === file.mtimeMs) {
    return { status: 'unchanged', path: file.path, kind: 'transcript', sourceId: row.id };
  }
  try {
    const start = row ? await resumeOffset(row, file) : 0;
    if (row && start === row.end_offset && file.size === row.end_offset) {
      sources.touch(row.id, file.size, file.mtimeMs);
      return { status: 'unchanged', path: file.path, kind: 'transcript', sourceId: row.id };
    }
    return await importFrom(store, sources, file, row, start);
  } catch (err) {
    return { status: 'failed', path: file.path, kind: 'transcript', reason: describe(err) };
  }
}

/** Where to continue: the old end when the consumed prefix still hashes the same, else 0. */
async function resumeOffset(row: SourceRow, file: FoundFile): Promise<number> {
  if (!row.prefix_sha256 || file.size < row.end_offset) return 0;
  const h = await hashFileRange(file.path, 0, row.end_offset, newSha256());
  return h.digest('hex') === row.prefix_sha256 ? row.end_offset : 0;
}

async function importFrom(
  store: MemoryStore,
  sources: SourceRepository,
  file: FoundFile,
  row: SourceRow | undefined,
  start: number,
): Promise<FileResult> {
  return store.inTransaction(async () => {
    const now = new Date().toISOString();
    const sourceId = row?.id ?? sources.insert(newTranscriptSource(file, now));
    const writer = new MessageWriter(store, sourceId, nextSeq(store, sourceId), now);
    let project: string | null = null;
    const stats = await readTranscript(
      file.path,
      (item) => {
        if (item.kind === 'message') {
          project ??= item.message.cwd ?? null;
          writer.add(item.message);
        } else if (item.kind === 'compaction') writer.addCompaction(item.boundary);
      },
      { startOffset: start, agentId: file.agentId },
    );
    if (project && !row?.project)
      store.db.prepare('UPDATE sources SET project = ? WHERE id = ?').run(project, sourceId);
    const prefix = await hashFileRange(file.path, 0, stats.endOffset, newSha256());
    sources.setTranscriptProgress(sourceId, {
      endOffset: stats.endOffset,
      prefixSha256: prefix.digest('hex'),
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
  });
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

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'vanished before it could be read';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'not readable (permission denied)';
  return e.message ?? String(err);
}
