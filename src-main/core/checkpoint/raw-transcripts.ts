import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { SourceRepository, type SourceRow } from '../memory/sources';
import type { MemoryStore } from '../memory/store';

export type RawCopyResult =
  | { status: 'copied'; path: string; to: string; bytes: number }
  | { status: 'failed'; path: string; reason: string };

/**
 * Claude Code deletes its transcripts after 30 days; keep a compressed local copy of every
 * byte imported. Growth is appended as a new gzip member (a gzip file may hold several;
 * `gunzip` yields their concatenation), and the store records the compressed length so a
 * crash mid-append is cut back on the next run. The original is only ever read.
 */
export async function copyTranscriptsToRawArchive(
  store: MemoryStore,
  rawDir: string,
): Promise<RawCopyResult[]> {
  const repo = new SourceRepository(store);
  const results: RawCopyResult[] = [];
  for (const row of repo.transcriptsToCopy()) results.push(await copyOne(repo, row, rawDir));
  return results;
}

export function rawArchivePath(rawDir: string, transcriptPath: string): string {
  const parts = transcriptPath.split(/[\\/]/).filter(Boolean);
  const i = parts.lastIndexOf('projects');
  const tail = i >= 0 ? parts.slice(i + 1) : parts.slice(-2);
  return path.join(rawDir, ...tail) + '.gz';
}

async function copyOne(repo: SourceRepository, row: SourceRow, rawDir: string): Promise<RawCopyResult> {
  const to = rawArchivePath(rawDir, row.path);
  try {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const start = rebaseline(row, to);
    // Streamed: transcripts reach hundreds of MB and the import must stay in bounded memory.
    const out = fs.createWriteStream(to, { flags: 'a' });
    await pipeline(
      fs.createReadStream(row.path, { start, end: row.end_offset - 1 }),
      zlib.createGzip({ level: 6 }),
      out,
    );
    fsyncFile(to);
    repo.setRawArchived(row.id, row.end_offset, fs.statSync(to).size);
    return { status: 'copied', path: row.path, to, bytes: row.end_offset - start };
  } catch (err) {
    return { status: 'failed', path: row.path, reason: (err as Error).message };
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Cut off a torn member; if the copy is missing or shorter than recorded, start over. */
function rebaseline(row: SourceRow, to: string): number {
  const size = fs.existsSync(to) ? fs.statSync(to).size : 0;
  if (size > row.raw_archive_bytes && row.raw_archive_bytes > 0) {
    fs.truncateSync(to, row.raw_archive_bytes);
    return row.raw_archived_offset;
  }
  if (size === row.raw_archive_bytes && size > 0) return row.raw_archived_offset;
  fs.rmSync(to, { force: true });
  return 0;
}
