import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RollingLogFile } from '../../../src-main/core/log/rolling-log-file';
import { DEFAULT_LOG_MAX_LINES } from '../../../src-main/core/log/log-cap';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-log-'));
  file = path.join(dir, 'coditect.log');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const lines = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i}`);

/** Writes [0, total) in batches of varying size. */
function writeInBatches(log: RollingLogFile, total: number, sizes: number[]): void {
  let next = 0;
  for (let i = 0; next < total; i++) {
    const end = Math.min(total, next + sizes[i % sizes.length]);
    log.appendLines(lines(next, end));
    next = end;
  }
}

describe('RollingLogFile below the cap', () => {
  it('keeps every line, in order, when cap-1 lines arrive in several batches', () => {
    const log = new RollingLogFile(file, { maxLines: 50 });
    writeInBatches(log, 49, [1, 7, 3, 13]);
    expect(log.readAll()).toEqual(lines(0, 49));
    expect(fs.readFileSync(file, 'utf8')).toBe(lines(0, 49).join('\n') + '\n');
  });

  it('keeps exactly cap lines when the cap is reached exactly', () => {
    const log = new RollingLogFile(file, { maxLines: 50 });
    writeInBatches(log, 50, [10]);
    expect(log.readAll()).toEqual(lines(0, 50));
  });

  it('creates missing folders and returns nothing for a missing file', () => {
    const nested = path.join(dir, 'a', 'b', 'x.log');
    const log = new RollingLogFile(nested, { maxLines: 5 });
    expect(log.readAll()).toEqual([]);
    log.appendLines(['one']);
    expect(log.readAll()).toEqual(['one']);
  });

  it('ignores an empty batch', () => {
    const log = new RollingLogFile(file, { maxLines: 5 });
    log.appendLines([]);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('RollingLogFile at the cap', () => {
  it.each([1, 3, 50, 51, 120])('keeps exactly the newest 50 lines after 50+%i lines', (extra) => {
    const log = new RollingLogFile(file, { maxLines: 50 });
    writeInBatches(log, 50 + extra, [1, 4, 9, 2]);
    expect(log.readAll()).toEqual(lines(extra, 50 + extra));
  });

  it('keeps exactly the newest 5000 lines with the default cap', () => {
    const log = new RollingLogFile(file, { maxLines: DEFAULT_LOG_MAX_LINES });
    writeInBatches(log, DEFAULT_LOG_MAX_LINES + 777, [1, 250, 33, 1000]);
    expect(log.readAll()).toEqual(lines(777, DEFAULT_LOG_MAX_LINES + 777));
  });

  it('keeps only the newest cap lines of one batch larger than the cap', () => {
    const log = new RollingLogFile(file, { maxLines: 10 });
    log.appendLines(lines(0, 5));
    log.appendLines(lines(5, 40));
    expect(log.readAll()).toEqual(lines(30, 40));
  });

  it('trims a file written with a larger cap down to the new cap', () => {
    new RollingLogFile(file, { maxLines: 100 }).appendLines(lines(0, 100));
    const smaller = new RollingLogFile(file, { maxLines: 20 });
    smaller.appendLines(['new']);
    expect(smaller.readAll()).toEqual([...lines(81, 100), 'new']);
  });

  it('leaves no temp or lock file behind', () => {
    const log = new RollingLogFile(file, { maxLines: 5 });
    writeInBatches(log, 30, [2]);
    expect(fs.readdirSync(dir)).toEqual(['coditect.log']);
  });
});

describe('RollingLogFile robustness', () => {
  it('keeps a line with embedded newlines on one physical line', () => {
    const log = new RollingLogFile(file, { maxLines: 5 });
    log.appendLines(['a\nb\r\nc', 'd']);
    expect(log.readAll()).toEqual(['a\\nb\\r\\nc', 'd']);
  });

  it('ignores an unterminated last line and drops it on the next write', () => {
    fs.writeFileSync(file, 'old 1\nold 2\ntorn fragm');
    const log = new RollingLogFile(file, { maxLines: 10 });
    expect(log.readAll()).toEqual(['old 1', 'old 2']);
    log.appendLines(['new']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old 1\nold 2\nnew\n');
  });

  it('drops an unterminated last line when rewriting at the cap', () => {
    fs.writeFileSync(file, 'old 1\nold 2\nold 3\ntorn');
    const log = new RollingLogFile(file, { maxLines: 3 });
    log.appendLines(['new']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old 2\nold 3\nnew\n');
  });

  it('replaces a leftover temp file from a crashed rewrite', () => {
    fs.writeFileSync(`${file}.tmp`, 'garbage from a crash');
    const log = new RollingLogFile(file, { maxLines: 2 });
    log.appendLines(lines(0, 2));
    log.appendLines(lines(2, 5));
    expect(log.readAll()).toEqual(lines(3, 5));
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });

  it('rejects a cap that is not a positive integer', () => {
    expect(() => new RollingLogFile(file, { maxLines: 0 })).toThrow(RangeError);
    expect(() => new RollingLogFile(file, { maxLines: 1.5 })).toThrow(RangeError);
  });
});
