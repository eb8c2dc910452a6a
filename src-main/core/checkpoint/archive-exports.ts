import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../identity/file-hash';
import { SourceRepository, type SourceRow } from '../memory/sources';
import type { MemoryStore } from '../memory/store';
import { fsyncDir } from '../workspace/atomic-write';

export type ArchiveResult =
  | { status: 'archived'; from: string; to: string }
  | { status: 'already-archived'; from: string; to: string }
  | { status: 'missing'; from: string; reason: string }
  | { status: 'failed'; from: string; reason: string };

/**
 * Step 4. Move each imported `/export` into `exports-archive/`. The destination is recorded
 * before the move, so after a crash the next run can tell "moved but not recorded" from
 * "not moved yet". A name clash gets a suffix; nothing is ever overwritten.
 */
export function archiveImportedExports(store: MemoryStore, archiveDir: string): ArchiveResult[] {
  const repo = new SourceRepository(store);
  return repo.exportsToArchive().map((row) => archiveOne(repo, row, archiveDir));
}

function archiveOne(repo: SourceRepository, row: SourceRow, archiveDir: string): ArchiveResult {
  const from = row.path;
  if (row.archive_path && !fs.existsSync(from) && fs.existsSync(row.archive_path)) {
    repo.markArchived(row.id, row.archive_path);
    return { status: 'already-archived', from, to: row.archive_path };
  }
  if (row.archive_path && fs.existsSync(from) && sameFile(from, row.archive_path)) {
    // A crash fell between the link and the unlink: finish the move.
    fs.unlinkSync(from);
    repo.markArchived(row.id, row.archive_path);
    return { status: 'archived', from, to: row.archive_path };
  }
  if (!fs.existsSync(from))
    return { status: 'missing', from, reason: 'the imported file is no longer there; nothing to move' };
  try {
    fs.mkdirSync(archiveDir, { recursive: true });
    const to = freeName(archiveDir, path.basename(from));
    repo.planArchive(row.id, to);
    moveFile(from, to, row.sha256);
    repo.markArchived(row.id, to);
    return { status: 'archived', from, to };
  } catch (err) {
    return { status: 'failed', from, reason: (err as Error).message };
  }
}

/** Archive a second copy of an export already imported (same bytes, another place). */
export function archiveCopy(from: string, archiveDir: string): ArchiveResult {
  try {
    fs.mkdirSync(archiveDir, { recursive: true });
    const to = freeName(archiveDir, path.basename(from));
    moveFile(from, to, null);
    return { status: 'archived', from, to };
  } catch (err) {
    return { status: 'failed', from, reason: (err as Error).message };
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** `name.txt`, else `name-2.txt`, `name-3.txt`…: never an existing file. */
export function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = path.join(dir, name);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${stem}-${n}${ext}`);
  return candidate;
}

/** rename when possible; across devices copy, verify, then remove the original. */
function moveFile(from: string, to: string, sha256: string | null): void {
  try {
    fs.linkSync(from, to); // fails rather than overwrite; keeps the original until the link exists
    fs.unlinkSync(from);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw err;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    if (sha256 && sha256Hex(fs.readFileSync(to)) !== sha256) {
      fs.rmSync(to);
      throw new Error(`copy to ${to} did not verify; original kept`);
    }
    fs.unlinkSync(from);
  }
  fsyncDir(path.dirname(to));
}
