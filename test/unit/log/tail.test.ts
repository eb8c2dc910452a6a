import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followLog, tailLines } from '../../../src-main/core/log/tail';
import { RollingLogFile } from '../../../src-main/core/log/rolling-log-file';

let dir: string;
let file: string;
const stops: (() => void)[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-tail-'));
  file = path.join(dir, 'coditect.log');
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const lines = (from: number, to: number, width = 0): string[] =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i} ${'é'.repeat(width)}`.trimEnd());

/** Collects what followLog emits; `until` waits (without a deadline) for a condition. */
function follow(opts: Parameters<typeof followLog>[2] = {}) {
  const got: string[] = [];
  const calls: string[][] = [];
  stops.push(
    followLog(
      file,
      (batch) => {
        calls.push(batch);
        got.push(...batch);
      },
      { intervalMs: 10, ...opts },
    ),
  );
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 5));
  };
  return { got, calls, until };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tailLines', () => {
  it('returns the last n complete lines', () => {
    fs.writeFileSync(file, lines(0, 10).join('\n') + '\n');
    expect(tailLines(file, 3)).toEqual(lines(7, 10));
    expect(tailLines(file, 50)).toEqual(lines(0, 10));
    expect(tailLines(file, 0)).toEqual([]);
  });

  it('reads across chunk boundaries of a long file with multi-byte text', () => {
    const all = lines(0, 5000, 20);
    fs.writeFileSync(file, all.join('\n') + '\n');
    expect(tailLines(file, 1234)).toEqual(all.slice(-1234));
    expect(tailLines(file, 5000)).toEqual(all);
  });

  it('ignores an unterminated last line and a missing file', () => {
    fs.writeFileSync(file, 'a\nb\npartial');
    expect(tailLines(file, 5)).toEqual(['a', 'b']);
    expect(tailLines(path.join(dir, 'none.log'), 5)).toEqual([]);
  });
});

describe('followLog', () => {
  it('emits appended lines but not those already there', async () => {
    const log = new RollingLogFile(file, { maxLines: 100 });
    log.appendLines(lines(0, 5));
    const f = follow();
    log.appendLines(lines(5, 8));
    await f.until(() => f.got.length >= 3);
    log.appendLines(lines(8, 9));
    await f.until(() => f.got.length >= 4);
    await pause(50);
    expect(f.got).toEqual(lines(5, 9));
  });

  it('waits for a file that does not exist yet', async () => {
    const f = follow();
    await pause(30);
    new RollingLogFile(file, { maxLines: 10 }).appendLines(['first']);
    await f.until(() => f.got.length >= 1);
    expect(f.got).toEqual(['first']);
  });

  it('can start with the last lines already there', async () => {
    fs.writeFileSync(file, lines(0, 10).join('\n') + '\n');
    const f = follow({ initialLines: 2 });
    await f.until(() => f.got.length >= 2);
    fs.appendFileSync(file, 'next\n');
    await f.until(() => f.got.length >= 3);
    expect(f.got).toEqual([...lines(8, 10), 'next']);
  });

  it('emits a line only once it is complete', async () => {
    fs.writeFileSync(file, 'a\n');
    const f = follow();
    fs.appendFileSync(file, 'half of a li');
    await pause(60);
    expect(f.got).toEqual([]);
    fs.appendFileSync(file, 'ne\n');
    await f.until(() => f.got.length >= 1);
    expect(f.got).toEqual(['half of a line']);
  });

  it('survives rotation by rename at the cap without re-emitting old lines', async () => {
    const log = new RollingLogFile(file, { maxLines: 20 });
    log.appendLines(lines(0, 20));
    const f = follow();
    const inode = fs.statSync(file).ino;
    log.appendLines(lines(20, 23)); // at the cap: the file is replaced
    expect(fs.statSync(file).ino).not.toBe(inode);
    await f.until(() => f.got.length >= 3);
    for (let i = 23; i < 63; i += 4) {
      log.appendLines(lines(i, i + 4)); // every one of these rewrites the file
      await f.until(() => f.got.length >= i + 4 - 20);
    }
    await pause(50);
    expect(f.got).toEqual(lines(20, 63));
  });

  it('emits everything new when more than the cap arrived between two polls', async () => {
    const log = new RollingLogFile(file, { maxLines: 10 });
    log.appendLines(lines(0, 10));
    const f = follow({ intervalMs: 200 });
    log.appendLines(lines(10, 40));
    await f.until(() => f.got.length >= 10);
    await pause(250);
    expect(f.got).toEqual(lines(30, 40));
  });

  it('stops emitting once stopped', async () => {
    fs.writeFileSync(file, '');
    const got: string[] = [];
    const stop = followLog(file, (b) => got.push(...b), { intervalMs: 10 });
    stop();
    fs.appendFileSync(file, 'late\n');
    await pause(60);
    expect(got).toEqual([]);
  });
});
