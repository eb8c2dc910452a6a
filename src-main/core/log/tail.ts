/**
 * Reading the log's end, once (`tailLines`) or continuously (`followLog`, for the live viewer
 * and `coditect log --follow`).
 *
 * Following polls with stat rather than fs.watch: watchers miss events on network drives and
 * lose the file when it is replaced, and at the cap the log is replaced by a rename on every
 * write. After a replacement the new file is the old content minus its oldest lines plus new
 * ones, so the follower finds where its last seen lines sit in the new file and emits only
 * what comes after them. Only complete ('\n'-terminated) lines are ever emitted.
 */
import * as fs from 'fs';
import { completeLength, countNewlines, splitCompleteLines } from './line-bytes';

const CHUNK = 64 * 1024;
// How many of the last emitted lines identify our position in a replaced file.
const REMEMBERED = 32;

/** The last `n` complete lines (fewer if the file is shorter; none if it does not exist). */
export function tailLines(path: string, n: number): string[] {
  if (n <= 0) return [];
  const buf = readTail(path, n);
  return buf ? splitCompleteLines(buf).slice(-n) : [];
}

export interface FollowOptions {
  /** Poll period; lines show up within about this long. */
  intervalMs?: number;
  /** Also emit the last this-many lines present when following starts (same snapshot). */
  initialLines?: number;
}

/** Calls `onLines` with lines added after the call; returns a function that stops following. */
export function followLog(
  path: string,
  onLines: (lines: string[]) => void,
  opts: FollowOptions = {},
): () => void {
  let stopped = false;
  const follower = new Follower(path, onLines);
  const initial = follower.start(opts.initialLines ?? 0);
  // Asynchronously, like every later batch, so callers never see a callback before the return.
  if (initial.length > 0) setImmediate(() => !stopped && onLines(initial));
  const timer = setInterval(() => follower.poll(), opts.intervalMs ?? 100);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

class Follower {
  private ino = -1;
  private offset = 0;
  private recent: string[] = [];

  constructor(
    private readonly path: string,
    private readonly onLines: (lines: string[]) => void,
  ) {}

  /** Takes the starting position; returns the last `initial` lines for the first callback. */
  start(initial: number): string[] {
    let fd: number;
    try {
      fd = fs.openSync(this.path, 'r');
    } catch {
      return []; // not there yet: everything that appears later is new
    }
    try {
      const st = fs.fstatSync(fd);
      const tail = readTailFd(fd, st.size, Math.max(initial, REMEMBERED));
      const lines = splitCompleteLines(tail);
      this.ino = st.ino;
      this.offset = st.size - tail.length + completeLength(tail);
      this.recent = lines.slice(-REMEMBERED);
      return initial > 0 ? lines.slice(-initial) : [];
    } finally {
      fs.closeSync(fd);
    }
  }

  poll(): void {
    let fd: number;
    try {
      fd = fs.openSync(this.path, 'r');
    } catch {
      return; // missing for a moment (or for good): try again next time
    }
    let fresh: string[];
    try {
      fresh = this.readNew(fd);
    } catch {
      return; // transient read error: the position is unchanged, retry next poll
    } finally {
      fs.closeSync(fd);
    }
    if (fresh.length === 0) return;
    this.recent = this.recent.concat(fresh).slice(-REMEMBERED);
    this.onLines(fresh);
  }

  private readNew(fd: number): string[] {
    const st = fs.fstatSync(fd);
    const sameFile = st.ino === this.ino && st.size >= this.offset && this.boundaryMatches(fd);
    if (!sameFile) return this.resync(fd, st);
    if (st.size === this.offset) return [];
    const added = readRange(fd, this.offset, st.size);
    this.offset += completeLength(added);
    return splitCompleteLines(added);
  }

  /**
   * Inode numbers are reused, so "same inode" alone could mean a different file; the bytes
   * just before our offset must still be the last line we emitted.
   */
  private boundaryMatches(fd: number): boolean {
    const last = this.recent[this.recent.length - 1];
    if (last === undefined) return this.offset === 0;
    const expected = Buffer.from(`${last}\n`, 'utf8');
    if (this.offset < expected.length) return false;
    return readRange(fd, this.offset - expected.length, this.offset).equals(expected);
  }

  private resync(fd: number, st: fs.Stats): string[] {
    const all = readRange(fd, 0, st.size);
    const lines = splitCompleteLines(all);
    this.ino = st.ino;
    this.offset = completeLength(all);
    return lines.slice(seenPrefix(lines, this.recent));
  }
}

/**
 * How many leading lines of `lines` we have already seen: the position right after the last
 * place where our remembered lines end. Prefers the latest match, so nothing old is re-emitted.
 */
function seenPrefix(lines: string[], recent: string[]): number {
  const last = recent[recent.length - 1];
  if (last === undefined) return 0;
  for (let j = lines.length - 1; j >= 0; j--) {
    if (lines[j] === last && precededBy(lines, j, recent)) return j + 1;
  }
  return 0; // all we saw has been trimmed away: the whole file is new to us
}

function precededBy(lines: string[], j: number, recent: string[]): boolean {
  const depth = Math.min(recent.length, j + 1);
  for (let d = 1; d < depth; d++) {
    if (lines[j - d] !== recent[recent.length - 1 - d]) return false;
  }
  return true;
}

function readTail(path: string, lines: number): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    return readTailFd(fd, fs.fstatSync(fd).size, lines);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Bytes from a line start to the end holding at least `lines` complete lines (or the whole
 * file). Reads backwards in chunks so a long log costs only what is asked for.
 */
function readTailFd(fd: number, size: number, lines: number): Buffer {
  let start = size;
  let buf = Buffer.alloc(0);
  // lines + 1 newlines: the extra one marks where the first wanted line begins.
  while (start > 0 && countNewlines(buf) < lines + 1) {
    const from = Math.max(0, start - CHUNK);
    buf = Buffer.concat([readRange(fd, from, start), buf]);
    start = from;
  }
  if (start === 0) return buf;
  let at = completeLength(buf) - 1;
  for (let i = 0; i < lines && at > 0; i++) at = buf.lastIndexOf(0x0a, at - 1);
  return buf.subarray(at + 1);
}

function readRange(fd: number, from: number, to: number): Buffer {
  const buf = Buffer.alloc(Math.max(0, to - from));
  let done = 0;
  while (done < buf.length) {
    const n = fs.readSync(fd, buf, done, buf.length - done, from + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}
