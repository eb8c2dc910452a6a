import fs from 'node:fs';
import path from 'node:path';

/**
 * Write a file so that a crash at any instant leaves either the old content or the new,
 * never a mix: temp file in the same directory, fsync, rename, then fsync the directory
 * so the rename itself survives a power cut.
 */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now().toString(36)}`;
  writeFileSynced(tmp, data);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}

/** Writes `file` and syncs it to disk before returning (not atomic by itself: see writeFileAtomic). */
export function writeFileSynced(file: string, data: string | Buffer): void {
  const fd = fs.openSync(file, 'w', 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; durability there rests on NTFS.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Remove temp files a crashed writer left next to `dir`'s files. */
export function removeStaleTempFiles(dir: string): number {
  let removed = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const name of fs.readdirSync(dir)) {
    if (/\.tmp-\d+-[0-9a-z]+$/.test(name)) {
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
