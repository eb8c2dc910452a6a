import fs from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { HEAD_BYTES } from './candidates';

/**
 * O_NONBLOCK: if a regular file was swapped for a FIFO after it was listed, opening it must
 * not wait forever for a writer. It changes nothing for regular files. (Windows has neither
 * the flag nor FIFOs in the file tree.)
 */
const OPEN_FLAGS =
  fs.constants.O_NONBLOCK === undefined ? 'r' : fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

export function openForHead(filePath: string): number {
  return fs.openSync(filePath, OPEN_FLAGS);
}

export function fstat(fd: number): BigIntStats {
  return fs.fstatSync(fd, { bigint: true });
}

/**
 * Up to HEAD_BYTES from the start, then a second stat of the same descriptor: comparing it
 * with the first tells whether the file changed while it was being identified.
 */
export function readHead(fd: number, size: bigint): { head: Buffer; after: BigIntStats } {
  return readHeadBytes(fd, size, HEAD_BYTES);
}

/**
 * One buffer for every head: discovery examines one file at a time, synchronously, and a head
 * is only sniffed, never kept. A fresh 8–64 KiB buffer per candidate was garbage the
 * collector had to chase on every walk.
 */
let headBuffer: Buffer | undefined;

/**
 * The same, for a smaller first look (most files are identified from their first kilobytes).
 * The head returned is valid until the next call: the buffer is reused.
 */
export function readHeadBytes(fd: number, size: bigint, max: number): { head: Buffer; after: BigIntStats } {
  headBuffer ??= Buffer.allocUnsafeSlow(HEAD_BYTES);
  const length = Math.min(max, HEAD_BYTES, Math.max(1, Number(size)));
  const bytesRead = fs.readSync(fd, headBuffer, 0, length, 0);
  return { head: headBuffer.subarray(0, bytesRead), after: fstat(fd) };
}
