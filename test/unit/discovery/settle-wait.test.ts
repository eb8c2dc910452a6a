import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settleWaitingExports, type SettleClock } from '../../../src-main/core/discovery/settle-wait';
import type { DiscoveryResult, FoundFile } from '../../../src-main/core/discovery/types';

/**
 * The explicit run's wait for exports still being written, on real files. The clock is the
 * test's: each "sleep" advances it and lets the test act as the writer, so the bound is
 * checked without waiting for it.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-settle-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function found(name: string, kind: FoundFile['kind'] = 'export'): FoundFile {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, '> q\n\n⏺ a\n');
  const s = fs.statSync(file);
  return { path: file, kind, size: s.size, mtimeMs: s.mtimeMs, dev: 0, ino: 0, source: 'downloads' };
}

function result(waiting: FoundFile[]): DiscoveryResult {
  return { files: [], waiting, problems: [], skippedLinks: [], dirsScanned: 1, entriesSeen: waiting.length };
}

/** Time starts at the files' mtime; `onSleep` runs as the writer during each sleep. */
function clockFrom(start: number, onSleep: () => void): SettleClock {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      onSleep();
      now += ms;
    },
  };
}

describe('settleWaitingExports', () => {
  it('moves an export that stopped changing to the files to import, with its final size', async () => {
    const f = found('a.txt');
    let writes = 2;
    const clock = clockFrom(f.mtimeMs, () => {
      if (writes-- > 0) fs.appendFileSync(f.path, 'more\n');
    });
    const told: string[][] = [];
    const d = await settleWaitingExports(
      result([f]),
      { quietMs: 1000, maxMs: 15_000 },
      (files) => told.push(files.map((x) => x.path)),
      clock,
    );
    expect(told).toEqual([[f.path]]);
    expect(d.waiting).toEqual([]);
    expect(d.files.map((x) => [x.path, x.size])).toEqual([[f.path, fs.statSync(f.path).size]]);
  });

  it('gives up at the bound: a file still growing waits for the next run', async () => {
    const f = found('b.txt');
    const clock = clockFrom(f.mtimeMs, () => fs.appendFileSync(f.path, 'more\n'));
    const d = await settleWaitingExports(result([f]), { quietMs: 1000, maxMs: 5000 }, () => {}, clock);
    expect(d.files).toEqual([]);
    expect(d.waiting.map((x) => x.path)).toEqual([f.path]);
  });

  it('leaves transcripts to the next run and forgets a file removed while waiting', async () => {
    const t = found('s.jsonl', 'transcript');
    const gone = found('c.txt');
    const clock = clockFrom(gone.mtimeMs, () => fs.rmSync(gone.path, { force: true }));
    let told = 0;
    const d = await settleWaitingExports(
      result([t, gone]),
      { quietMs: 1000, maxMs: 5000 },
      () => told++,
      clock,
    );
    expect(told).toBe(1);
    expect(d.files).toEqual([]);
    expect(d.waiting.map((x) => x.path)).toEqual([t.path]);
    // Nothing to wait for: not even a word.
    expect(
      await settleWaitingExports(result([t]), { quietMs: 1000, maxMs: 5000 }, () => told++, clock),
    ).toEqual(result([t]));
    expect(told).toBe(1);
  });
});
