/**
 * The line-capped log file shared by the app and the CLI.
 *
 * Every write takes the cross-process lock, looks at the file as it is now (another process
 * may have written since), and then either
 *  - appends (below the cap): one O_APPEND write of whole lines, so nothing is ever trimmed
 *    and readers never see lines reordered; or
 *  - rewrites (at the cap): the newest `maxLines` lines go to `<log>.tmp`, which is fsynced
 *    and renamed over the log, so the file is always either the old or the new whole file.
 *
 * A line only counts once its '\n' is written. A kill -9 in the middle of an append can leave
 * an unterminated fragment at the end (the kernel may stop a large write between pages); all
 * readers ignore it and the next writer cuts it off before writing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FileLock, FileLockOptions, sleepSync } from './file-lock';
import { completeLength, countNewlines, splitCompleteLines, startOfLine } from './line-bytes';

export interface RollingLogFileOptions {
  maxLines: number;
  lock?: FileLockOptions;
}

const FILE_MODE = 0o600;

export class RollingLogFile {
  readonly maxLines: number;
  private readonly lock: FileLock;
  private readonly tmpPath: string;

  constructor(
    readonly path: string,
    opts: RollingLogFileOptions,
  ) {
    if (!Number.isSafeInteger(opts.maxLines) || opts.maxLines < 1) {
      throw new RangeError(`maxLines must be a positive integer, got ${opts.maxLines}`);
    }
    this.maxLines = opts.maxLines;
    this.lock = new FileLock(`${path}.lock`, opts.lock);
    // One fixed temp name: only the lock holder writes it, and a leftover from a crash is
    // simply overwritten next time instead of piling up.
    this.tmpPath = `${path}.tmp`;
  }

  /** Synchronous: when it returns, the lines are in the file and the file is within its cap. */
  appendLines(lines: string[]): void {
    if (lines.length === 0) return;
    const newest = lines.length > this.maxLines ? lines.slice(-this.maxLines) : lines;
    const payload = Buffer.from(newest.map(oneLine).join('\n') + '\n', 'utf8');
    fs.mkdirSync(path.dirname(this.path), { recursive: true });
    this.lock.withLock(() => this.writeLocked(payload, newest.length));
  }

  /** Complete lines, oldest first. Lock-free: renames are atomic and fragments are skipped. */
  readAll(): string[] {
    return splitCompleteLines(readIfExists(this.path));
  }

  private writeLocked(payload: Buffer, added: number): void {
    const current = readIfExists(this.path);
    const whole = completeLength(current);
    const existing = countNewlines(current, whole);
    if (existing + added <= this.maxLines) {
      if (whole < current.length) fs.truncateSync(this.path, whole);
      appendAll(this.path, payload);
      return;
    }
    const keepFrom = startOfLine(current, existing + added - this.maxLines, whole);
    this.replace([current.subarray(keepFrom, whole), payload]);
  }

  private replace(parts: Buffer[]): void {
    const fd = fs.openSync(this.tmpPath, 'w', FILE_MODE);
    try {
      for (const part of parts) writeAll(fd, part);
      // Without fsync a power loss after the rename can leave an empty or zero-filled log.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    renameWithRetry(this.tmpPath, this.path);
  }
}

/** A line handed in must stay one physical line, whatever the caller passed. */
function oneLine(line: string): string {
  return /[\r\n]/.test(line) ? line.replace(/\r/g, '\\r').replace(/\n/g, '\\n') : line;
}

function readIfExists(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw err;
  }
}

function appendAll(file: string, payload: Buffer): void {
  const fd = fs.openSync(file, 'a', FILE_MODE);
  try {
    writeAll(fd, payload);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

// Windows refuses to replace a file some other program (indexer, antivirus, an editor) has
// open without delete sharing; that passes within moments, so retry briefly before failing.
const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);

function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!RENAME_RETRY_CODES.has(code) || attempt >= 8) throw err;
      sleepSync(5 * 2 ** attempt);
    }
  }
}
