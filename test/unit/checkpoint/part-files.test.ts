import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PartFiles } from '../../../src-main/core/checkpoint/part-files';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-part-files-'));
  dirs.push(dir);
  return dir;
}

/** Lines of varied length (one character outside ASCII each), as many as `n`, deterministic. */
function lines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `{"h":"${i}","t":"${'word '.repeat((i * 7919) % 300)}é"}\n`);
}

const bytesOf = (xs: string[]) => Buffer.from(xs.join(''), 'utf8');

async function writeAll(dir: string, input: string[], limit: number): Promise<string[]> {
  const out = new PartFiles(dir, 'messages', limit);
  for (const l of input) if (out.add(l)) await out.drained();
  return out.finish();
}

describe('parts written as their lines arrive', () => {
  it('splits at the limit, keeps every line whole and in order, and names the parts in order', async () => {
    const dir = tempDir();
    const input = lines(3000);
    const names = await writeAll(dir, input, 256 * 1024);
    expect(names.length).toBeGreaterThan(5);
    expect(names[0]).toBe('messages-001.jsonl.gz');
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
    const texts = names.map((n) => zlib.gunzipSync(fs.readFileSync(path.join(dir, n))));
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(256 * 1024);
    expect(Buffer.concat(texts).equals(bytesOf(input))).toBe(true);
  });

  it('writes parts that gunzip, Node and Python read as one text, however many chunks they hold', async () => {
    const dir = tempDir();
    const input = lines(6000); // several 1 MB chunks, more than are ever in flight
    const names = await writeAll(dir, input, 1 << 30);
    expect(names).toEqual(['messages-001.jsonl.gz']);
    const file = path.join(dir, names[0]!);
    const expected = bytesOf(input);
    expect(expected.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(zlib.gunzipSync(fs.readFileSync(file)).equals(expected)).toBe(true);
    expect(execFileSync('gzip', ['-dc', file], { maxBuffer: 64 << 20 }).equals(expected)).toBe(true);
    const py = 'import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())';
    expect(execFileSync('python3', ['-c', py, file], { maxBuffer: 64 << 20 }).equals(expected)).toBe(true);
  });

  it('writes nothing for no lines', async () => {
    const dir = tempDir();
    expect(await writeAll(dir, [], 1000)).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a part that cannot be begun fails the write, naming the error', async () => {
    const dir = path.join(tempDir(), 'gone');
    await expect(writeAll(dir, lines(10), 1000)).rejects.toThrow(/ENOENT/);
  });
});

describe('what the part writer holds', () => {
  it('has compressed chunks on disk before the last line arrives, so memory stays a few chunks', async () => {
    const dir = tempDir();
    const out = new PartFiles(dir, 'occurrences', 1 << 30);
    const line = `${'x'.repeat(1023)}\n`;
    // Eight chunks of 1 MiB: more than are ever in flight (the rest must be on disk by now).
    for (let i = 0; i < 8 * 1024; i++) if (out.add(line)) await out.drained();
    const file = path.join(dir, 'occurrences-001.jsonl.gz');
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await out.finish();
    expect(zlib.gunzipSync(fs.readFileSync(file)).length).toBe(8 * 1024 * 1024);
  });
});

describe('a write that fails part-way', () => {
  const openFiles = () => fs.readdirSync('/proc/self/fd').length;

  it('rejects, naming the error, and leaves no file open', async () => {
    const dir = tempDir();
    const before = openFiles();
    const out = new PartFiles(dir, 'messages', 64 * 1024);
    let failure: unknown = null;
    try {
      for (const [i, line] of lines(2000).entries()) {
        // The folder goes away after the first parts: the next part cannot be begun.
        if (i === 300) fs.rmSync(dir, { recursive: true, force: true });
        if (out.add(line)) await out.drained();
      }
    } catch (err) {
      failure = err;
      await out.abandon();
    }
    expect(String(failure)).toMatch(/ENOENT/);
    expect(openFiles()).toBe(before);
  });
});
