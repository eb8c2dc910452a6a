import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMemoryFormat } from '../../../src-main/core/checkpoint/memory-format';
import { migrateLegacyMemory } from '../../../src-main/core/checkpoint/migrate-v1';
import { messagePartsOf } from '../../helpers/message-parts';
import { ingestTrackedMemory } from '../../../src-main/core/memory/ingest-tracked';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { connection } from '../../../src-main/core/memory/connection';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { memoryLayout, type MemoryLayout } from '../../../src-main/core/workspace/memory-layout';
import { insertExportSource } from '../../helpers/store-rows';
import { copyTree, REPO } from '../../helpers/workspace';

const V1 = path.join(REPO, 'test', 'fixtures', 'memory-v1', 'MEMORY-CONTEXT');
const dirs: string[] = [];
const stores: MemoryStore[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

async function convertedMemory(): Promise<MemoryLayout> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-ingest-'));
  dirs.push(dir);
  copyTree(V1, dir);
  const layout = memoryLayout(dir);
  await migrateLegacyMemory(layout, '/home/demo');
  return layout;
}

function openStore(layout: MemoryLayout): MemoryStore {
  const store = MemoryStore.open(layout.storeFile);
  stores.push(store);
  return store;
}

describe('ingestTrackedMemory', () => {
  it('adds the checkpoints the index lacks, and nothing the second time', async () => {
    const layout = await convertedMemory();
    const store = openStore(layout);
    expect(ingestTrackedMemory(store, layout)).toEqual({ checkpointsAdded: 2, messagesAdded: 65 });
    expect(ingestTrackedMemory(store, layout)).toEqual({ checkpointsAdded: 0, messagesAdded: 0 });
    expect(
      connection(store).prepare('SELECT COUNT(*) FROM messages WHERE first_source_id IS NULL').pluck().get(),
    ).toBe(0);
  });

  it('skips a checkpoint whose part is damaged, names the file, and indexes the others', async () => {
    const layout = await convertedMemory();
    const [, second] = fs.readdirSync(layout.checkpointStateDir).sort();
    const part = path.join(layout.checkpointStateDir, second!, 'occurrences-001.jsonl.gz');
    fs.writeFileSync(part, fs.readFileSync(part).subarray(0, 20));
    const problems: string[] = [];
    const store = openStore(layout);
    expect(ingestTrackedMemory(store, layout, problems).checkpointsAdded).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('occurrences-001.jsonl.gz is damaged');
    expect(problems[0]).toContain(second);
    // Nothing of the damaged checkpoint went in: a later pull of a sound copy adds it whole.
    expect(
      connection(store).prepare('SELECT COUNT(*) FROM checkpoints WHERE id = ?').pluck().get(second),
    ).toBe(0);
  });
});

describe('the memory format', () => {
  it('a memory from a newer CODITECT is refused with the file named and what to do', async () => {
    const layout = await convertedMemory();
    expect(readMemoryFormat(layout)).toBe(2);
    fs.writeFileSync(layout.formatFile, '{"format": 3}\n');
    expect(() => readMemoryFormat(layout)).toThrow(`${layout.formatFile} says the memory is in format 3`);
    expect(() => readMemoryFormat(layout)).toThrow(/update CODITECT/);
  });

  it("splits a checkpoint's messages into parts no larger than the limit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-parts-'));
    dirs.push(dir);
    const store = openStore(memoryLayout(dir));
    const writer = new MessageWriter(store, insertExportSource(store, 'p.txt'), 0, 'now');
    for (let i = 0; i < 50; i++)
      writer.add({ role: 'user', text: `message ${i} ${'x'.repeat(100)}` }, undefined, true);
    connection(store).exec("UPDATE occurrences SET checkpoint_id = 'cp'");
    const parts = (await messagePartsOf(store, 'cp', 1000)).parts;
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(1000);
    expect(parts.join('').split('\n').filter(Boolean)).toHaveLength(50);
  });
});
