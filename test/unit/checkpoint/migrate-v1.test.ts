import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateLegacyMemory } from '../../../src-main/core/checkpoint/migrate-v1';
import { ingestTrackedMemory } from '../../../src-main/core/memory/ingest-tracked';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { memoryLayout } from '../../../src-main/core/workspace/memory-layout';
import { trackedFiles, trackedFolders, trackedText } from '../../helpers/tracked-memory';
import { copyTree, REPO } from '../../helpers/workspace';

const V1 = path.join(REPO, 'test', 'fixtures', 'memory-v1', 'MEMORY-CONTEXT');
/** The home folder of the machine that wrote the fixture. */
const HOME = '/home/demo';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function v1Copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-v1-'));
  dirs.push(dir);
  const memory = path.join(dir, 'MEMORY-CONTEXT');
  fs.mkdirSync(memory);
  copyTree(V1, memory);
  return memory;
}

/** Every tracked file's bytes, by path. */
function bytesOf(memory: string): Record<string, string> {
  return Object.fromEntries(
    trackedFiles(memory).map((f) => [f, fs.readFileSync(path.join(memory, f)).toString('base64')]),
  );
}

describe('migration of a format-1 memory', () => {
  it('converts every checkpoint, names no home folder, and a second call changes nothing', async () => {
    const memory = v1Copy();
    const r = await migrateLegacyMemory(memoryLayout(memory), HOME);
    expect(r.converted).toBe(2);
    expect(r.paths).toContain(path.join(memory, 'dedup_state', 'unique_messages.jsonl'));
    const folders = trackedFolders(memory);
    expect(folders.flatMap((f) => f.messages)).toHaveLength(65);
    // Every line of the old occurrence files (a uuid seen before is read, not stored).
    expect(folders.flatMap((f) => f.occurrences)).toHaveLength(46 + 51);
    const transcript = folders[0]!.record.sources.find((s) => s.kind === 'transcript')!;
    expect(transcript.path).toBe(
      '~/.claude/projects/-Users-demo-PROJECTS-demo-master/1e2feb89-414c-343c-1027-c4d1c386bbc4.jsonl',
    );
    expect(trackedText(memory)).not.toContain(HOME);
    const before = bytesOf(memory);
    expect(await migrateLegacyMemory(memoryLayout(memory), HOME)).toEqual({ converted: 0, paths: [] });
    expect(bytesOf(memory)).toEqual(before);
  });

  it("passes the old messages through today's secret rules (format 1 was redacted by older ones)", async () => {
    const memory = v1Copy();
    // A Stripe key the rules of format 1's day let through, as it would sit in its state file.
    const key = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dcAbCdEfGh'].join('_');
    const state = path.join(memory, 'dedup_state', 'unique_messages.jsonl');
    const first = JSON.parse(fs.readFileSync(state, 'utf8').split('\n')[0]!) as { text: string };
    const leaked = { ...first, hash: 'f'.repeat(64), text: `STRIPE_SECRET_KEY=${key}` };
    fs.appendFileSync(state, `${JSON.stringify(leaked)}\n`);
    await migrateLegacyMemory(memoryLayout(memory), HOME);
    expect(trackedText(memory)).not.toContain(key);
    expect(trackedText(memory)).toContain('STRIPE_SECRET_KEY=');
  });

  it('interrupted before FORMAT.json (one folder in place, one half-written): the next call ends as an uninterrupted one', async () => {
    const reference = v1Copy();
    await migrateLegacyMemory(memoryLayout(reference), HOME);
    const memory = v1Copy();
    const layout = memoryLayout(memory);
    await migrateLegacyMemory(layout, HOME);
    // Back to the state of a crash: the legacy files still there, no FORMAT.json, the second
    // folder only as a temporary one.
    copyTree(V1, memory);
    fs.rmSync(layout.formatFile);
    const [, second] = fs.readdirSync(layout.checkpointStateDir).sort();
    fs.renameSync(
      path.join(layout.checkpointStateDir, second!),
      path.join(layout.checkpointStateDir, `.${second}.tmp-999`),
    );
    fs.rmSync(path.join(layout.checkpointStateDir, `.${second}.tmp-999`, 'checkpoint.json'));
    const r = await migrateLegacyMemory(layout, HOME);
    expect(r.converted).toBe(1);
    expect(bytesOf(memory)).toEqual(bytesOf(reference));
  });

  it('interrupted while removing the old files: the next call removes the rest and reports them for the commit', async () => {
    const memory = v1Copy();
    const layout = memoryLayout(memory);
    await migrateLegacyMemory(layout, HOME);
    const converted = bytesOf(memory);
    fs.copyFileSync(path.join(V1, 'dedup_state', 'unique_messages.jsonl'), layout.legacy.uniqueMessagesFile);
    const r = await migrateLegacyMemory(layout, HOME);
    expect(r).toEqual({ converted: 0, paths: [layout.legacy.uniqueMessagesFile] });
    expect(bytesOf(memory)).toEqual(converted);
  });

  it('a damaged index stops the conversion with the file named, and changes nothing', async () => {
    const memory = v1Copy();
    const layout = memoryLayout(memory);
    fs.writeFileSync(layout.legacy.checkpointIndexFile, '{"checkpoints": [');
    const before = bytesOf(memory);
    await expect(migrateLegacyMemory(layout, HOME)).rejects.toThrow(
      new RegExp(
        `${layout.legacy.checkpointIndexFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged.*nothing was changed`,
      ),
    );
    expect(bytesOf(memory)).toEqual(before);
  });

  it('a checkpoint format 1 wrote but left out of its index (a crash) is rebuilt from its files: no message lost', async () => {
    const memory = v1Copy();
    const layout = memoryLayout(memory);
    const index = JSON.parse(fs.readFileSync(layout.legacy.checkpointIndexFile, 'utf8'));
    const lost = index.checkpoints.pop();
    fs.writeFileSync(layout.legacy.checkpointIndexFile, JSON.stringify(index));
    expect((await migrateLegacyMemory(layout, HOME)).converted).toBe(2);
    const folders = trackedFolders(memory);
    expect(folders.map((f) => f.record.id)).toEqual([index.checkpoints[0].id, lost.id]);
    expect(folders.flatMap((f) => f.messages)).toHaveLength(65);
    const rebuilt = folders[1]!.record;
    expect(rebuilt.counts.read).toBe(folders[1]!.occurrences.filter((o) => !('c' in o)).length);
    // The sources its occurrences name (a transcript whose every line was a known uuid left none).
    expect(rebuilt.sources.map((s) => s.kind).sort()).toEqual(['export', 'transcript']);
    const problems: string[] = [];
    const store = MemoryStore.open(layout.storeFile);
    try {
      expect(ingestTrackedMemory(store, layout, problems, HOME)).toEqual({
        checkpointsAdded: 2,
        messagesAdded: 65,
      });
    } finally {
      store.close();
    }
    expect(problems).toEqual([]);
  });

  it('format-1 files a machine still on the previous release added after the conversion are converted, not dropped', async () => {
    const memory = v1Copy();
    const layout = memoryLayout(memory);
    await migrateLegacyMemory(layout, HOME);
    // That machine's next checkpoint, in format 1: its index lists all three, its lines name it.
    copyTree(V1, memory);
    const index = JSON.parse(fs.readFileSync(layout.legacy.checkpointIndexFile, 'utf8'));
    const third = {
      ...index.checkpoints[1],
      id: 'third',
      occurrences: 'dedup_state/occurrences/third.jsonl',
    };
    index.checkpoints.push(third);
    fs.writeFileSync(layout.legacy.checkpointIndexFile, JSON.stringify(index));
    fs.copyFileSync(
      path.join(layout.legacy.occurrencesDir, `${index.checkpoints[1].id}.jsonl`),
      path.join(layout.legacy.occurrencesDir, 'third.jsonl'),
    );
    fs.appendFileSync(
      layout.legacy.uniqueMessagesFile,
      JSON.stringify({
        hash: 'f'.repeat(64),
        role: 'user',
        text: 'only on the old machine',
        first_seen: 'x',
        checkpoint: 'third',
      }) + '\n',
    );
    const r = await migrateLegacyMemory(layout, HOME);
    expect(r.converted).toBe(1);
    const folders = trackedFolders(memory);
    expect(folders.map((f) => f.record.id)).toContain('third');
    expect(folders.find((f) => f.record.id === 'third')!.messages).toEqual([
      { h: 'f'.repeat(64), r: 'user', t: 'only on the old machine' },
    ]);
    expect(fs.existsSync(layout.legacy.uniqueMessagesFile)).toBe(false);
  });
});
