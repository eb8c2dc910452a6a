import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSources, discover, type DiscoveryOptions } from '../../../src-main/core/discovery/discover';
import { isSettled } from '../../../src-main/core/discovery/examine';
import { cleanup, HOUR, putFixture, setAge, tempTree } from './fixture-tree';

afterEach(cleanup);

describe('files still being written wait for the next run', () => {
  it('puts a file modified just now in waiting, and finds it once it is older', async () => {
    const root = tempTree();
    const file = putFixture('export-v1-macos.txt', path.join(root, 'chat.txt'), 0);
    const sources = [{ name: 'projects-root' as const, dir: root, recursive: true }];
    const now = fs.statSync(file).mtimeMs + 1000;
    const early = await discover(sources, { now });
    expect(early.files).toEqual([]);
    expect(early.waiting.map((f) => f.path)).toEqual([file]);

    setAge(file, 60_000, now);
    const later = await discover(sources, { now });
    expect(later.files.map((f) => f.path)).toEqual([file]);
    expect(later.waiting).toEqual([]);
  });

  it('honours settleMs', async () => {
    const root = tempTree();
    const file = putFixture('export-v1-macos.txt', path.join(root, 'chat.txt'), 0);
    const now = fs.statSync(file).mtimeMs + 1000;
    const r = await discover([{ name: 'cwd', dir: root, recursive: false }], { now, settleMs: 500 });
    expect(r.files.map((f) => f.path)).toEqual([file]);
  });

  it('treats a size or mtime change between the two stats as unsettled', () => {
    const now = 1_000_000_000_000;
    const before = fakeStat(100n, BigInt(now - HOUR) * 1_000_000n);
    const clock = { now, settleMs: 5000 };
    expect(isSettled(before, before, clock)).toBe(true);
    expect(isSettled(before, fakeStat(120n, before.mtimeNs), clock)).toBe(false);
    expect(isSettled(before, fakeStat(100n, before.mtimeNs + 1n), clock)).toBe(false);
    // A file stamped in the future (clock skew) is as suspect as one written just now.
    const future = fakeStat(100n, BigInt(now + 1000) * 1_000_000n);
    expect(isSettled(future, future, clock)).toBe(false);
  });
});

describe('the temp directory', () => {
  const options = (tmpdir: string, home: string, includeTemp: boolean): DiscoveryOptions => ({
    root: path.join(home, 'PROJECTS'),
    memoryDir: path.join(home, 'PROJECTS', 'MEMORY-CONTEXT'),
    cwd: path.join(home, 'PROJECTS'),
    home,
    tmpdir,
    env: {},
    includeTemp,
    includeTranscripts: false,
  });

  it('keeps only files modified in the last 24 hours, at the top level', async () => {
    const home = tempTree();
    const tmp = tempTree();
    const recent = putFixture('export-v1-macos.txt', path.join(tmp, 'recent.txt'), 2 * HOUR);
    putFixture('export-v1-macos.txt', path.join(tmp, 'old.txt'), 25 * HOUR);
    putFixture('export-v1-macos.txt', path.join(tmp, 'sub', 'nested.txt'), HOUR);
    const r = await discover(defaultSources(options(tmp, home, true)));
    expect(r.files.map((f) => [f.source, f.path])).toEqual([['temp', recent]]);
  });

  it('is not searched unless asked for', async () => {
    const home = tempTree();
    const tmp = tempTree();
    putFixture('export-v1-macos.txt', path.join(tmp, 'recent.txt'), 2 * HOUR);
    expect((await discover(defaultSources(options(tmp, home, false)))).files).toEqual([]);
  });
});

function fakeStat(size: bigint, mtimeNs: bigint): fs.BigIntStats {
  return { size, mtimeNs, ino: 7n } as fs.BigIntStats;
}
