import fs from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { HEAD_BYTES } from './candidates';

export interface Head {
  head: Buffer;
  /** Stat of the open file taken after the read, to catch a file that grew meanwhile. */
  after: BigIntStats;
}

/**
 * O_NONBLOCK: if a regular file was swapped for a FIFO after it was listed, opening it must
 * not wait forever for a writer. It changes nothing for regular files. (Windows has no such
 * flag and no FIFOs in the file tree.)
 */
const OPEN_FLAGS = fs.constants.O_NONBLOCK === undefined ? 'r' : fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

/** Read up to HEAD_BYTES from the start of a file; callback style (see task-pool). */
export function readHead(filePath: string, size: bigint, cb: (err: Error | null, head?: Head) => void): void {
  fs.open(filePath, OPEN_FLAGS, (err, fd) => {
    if (err) return cb(err);
    const buf = Buffer.allocUnsafe(Math.min(HEAD_BYTES, Math.max(1, Number(size))));
    fs.read(fd, buf, 0, buf.length, 0, (readErr, bytesRead) => {
      if (readErr) return closeThen(fd, () => cb(readErr));
      fs.fstat(fd, { bigint: true }, (statErr, after) => {
        closeThen(fd, () => (statErr ? cb(statErr) : cb(null, { head: buf.subarray(0, bytesRead), after })));
      });
    });
  });
}

/** A failed close of a read-only descriptor loses nothing; the result stands. */
function closeThen(fd: number, then: () => void): void {
  fs.close(fd, () => then());
}
