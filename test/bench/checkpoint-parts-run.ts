/**
 * `npx tsx test/bench/checkpoint-parts-run.ts STORE [HOME]`: the checkpoint's part writing
 * alone, on a copy of an index a real import made (`.local/coditect.sqlite`), its first
 * checkpoint's messages made pending again. Prints the time of each kind of part.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeMessageParts, writeOccurrenceParts } from '../../src-main/core/checkpoint/write-tracked';
import { CheckpointRepository } from '../../src-main/core/memory/checkpoints';
import { connection } from '../../src-main/core/memory/connection';
import { MemoryStore } from '../../src-main/core/memory/store';

async function main(): Promise<void> {
  const [storeFile, home = os.homedir()] = process.argv.slice(2);
  if (!storeFile) throw new Error('usage: checkpoint-parts-run.ts STORE [HOME]');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-parts-run-'));
  try {
    const copy = path.join(work, 'coditect.sqlite');
    fs.copyFileSync(storeFile, copy);
    const store = MemoryStore.open(copy);
    connection(store).exec('INSERT OR IGNORE INTO state_pending SELECT id FROM messages');
    const id = connection(store)
      .prepare('SELECT id FROM checkpoints ORDER BY created_at LIMIT 1')
      .pluck()
      .get() as string;
    const sources = new CheckpointRepository(store).sourcesOf(id);
    const out = path.join(work, 'parts');
    fs.mkdirSync(out);
    let t = performance.now();
    const m = await writeMessageParts(store, id, out);
    const messagesMs = performance.now() - t;
    t = performance.now();
    const o = await writeOccurrenceParts(store, id, sources, home, out);
    const occurrencesMs = performance.now() - t;
    store.close();
    console.log(
      `messages ${messagesMs.toFixed(0)} ms (${m.ids.length} in ${m.names.length} part(s)), ` +
        `occurrences ${occurrencesMs.toFixed(0)} ms (${o.length} part(s))`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
