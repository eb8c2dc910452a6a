import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeMessageParts } from '../../src-main/core/checkpoint/write-tracked';
import type { ReadStore } from '../../src-main/core/memory/store';

/**
 * A checkpoint's messages parts as write-checkpoint writes them (real files in a temporary
 * folder), read back: the text of each part, the ids written and the redactions made.
 */
export async function messagePartsOf(
  store: ReadStore,
  checkpointId: string,
  limit?: number,
): Promise<{ ids: number[]; redactions: number; parts: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-parts-'));
  try {
    const m = await writeMessageParts(store, checkpointId, dir, limit);
    const parts = m.names.map((n) => zlib.gunzipSync(fs.readFileSync(path.join(dir, n))).toString('utf8'));
    return { ids: m.ids, redactions: m.redactions, parts };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
