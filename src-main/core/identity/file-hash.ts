import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';

/** Feed bytes [start, end) of a file into `hash`, streaming (files reach hundreds of MB). */
export async function hashFileRange(file: string, start: number, end: number, hash: Hash): Promise<Hash> {
  if (end <= start) return hash;
  const stream = fs.createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
