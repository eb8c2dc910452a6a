import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { rawArchivePath, RawTranscriptArchiver } from '../../../src-main/core/checkpoint/raw-transcripts';
import { SourceRepository } from '../../../src-main/core/memory/sources';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-raw-'));
  dirs.push(dir);
  const transcript = path.join(dir, 'claude', 'projects', '-home-u-demo', 'session.jsonl');
  fs.mkdirSync(path.dirname(transcript), { recursive: true });
  const rawDir = path.join(dir, 'raw');
  const store = MemoryStore.open(path.join(dir, 'index.sqlite'));
  const repo = new SourceRepository(store);
  const id = repo.insert({
    kind: 'transcript',
    path: transcript,
    name: 'session.jsonl',
    sha256: null,
    size: 0,
    mtimeMs: 0,
    project: null,
    titleHint: null,
    importedAt: 'now',
  });
  /** Append lines and record them as imported, as the import step does. */
  const grow = (lines: string) => {
    fs.appendFileSync(transcript, lines);
    const size = fs.statSync(transcript).size;
    repo.setTranscriptProgress(id, { endOffset: size, prefixSha256: 'x', size, mtimeMs: 1 });
  };
  const archived = () => zlib.gunzipSync(fs.readFileSync(rawArchivePath(rawDir, transcript))).toString();
  return { store, repo, id, rawDir, transcript, grow, archived };
}

// Bigger than one compressed piece (1 MiB), so the copy takes several thread-pool jobs.
const BIG = Array.from({ length: 60_000 }, (_, i) => `{"uuid":"u${i}","text":"${'w'.repeat(80)}"}\n`).join(
  '',
);

describe('the raw transcript archive', () => {
  it('copies in the background during the import and records the copy when finished', async () => {
    const t = setup();
    t.grow(BIG);
    const archiver = new RawTranscriptArchiver(t.store, t.rawDir);
    archiver.startCopy(t.id);
    const results = await archiver.finish();
    expect(results).toEqual([expect.objectContaining({ status: 'copied', bytes: BIG.length })]);
    expect(t.archived()).toBe(BIG);
    expect(t.repo.byId(t.id)!.raw_archived_offset).toBe(BIG.length);
    t.store.close();
  });

  it('appends only the growth, and a copy the store never recorded (a crash) is cut back, not doubled', async () => {
    const t = setup();
    t.grow('{"line":1}\n');
    await new RawTranscriptArchiver(t.store, t.rawDir).finish();
    t.grow('{"line":2}\n');
    // Compressed but never recorded: the process died before `finish`.
    const crashed = new RawTranscriptArchiver(t.store, t.rawDir);
    crashed.startCopy(t.id);
    await crashed.idle();
    expect(t.archived()).toBe('{"line":1}\n{"line":2}\n');
    const results = await new RawTranscriptArchiver(t.store, t.rawDir).finish();
    expect(results).toEqual([expect.objectContaining({ status: 'copied', bytes: 11 })]);
    expect(t.archived()).toBe('{"line":1}\n{"line":2}\n');
    t.store.close();
  });

  it('reports a transcript that vanished by name and leaves it to the next run', async () => {
    const t = setup();
    t.grow('{"line":1}\n');
    fs.rmSync(t.transcript);
    const results = await new RawTranscriptArchiver(t.store, t.rawDir).finish();
    expect(results).toEqual([expect.objectContaining({ status: 'failed', path: t.transcript })]);
    expect(t.repo.byId(t.id)!.raw_archived_offset).toBe(0);
    t.store.close();
  });
});
