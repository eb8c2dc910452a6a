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

/** The same, for a smaller first look (most files are identified from their first kilobytes). */
export function readHeadBytes(fd: number, size: bigint, max: number): { head: Buffer; after: BigIntStats } {
  const buf = Buffer.allocUnsafe(Math.min(max, Math.max(1, Number(size))));
  const bytesRead = fs.readSync(fd, buf, 0, buf.length, 0);
  return { head: buf.subarray(0, bytesRead), after: fstat(fd) };
}
