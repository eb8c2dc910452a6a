import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirWatch, type FileChange } from '../../src-main/host/dir-watch';
import { waitFor } from '../unit/ipc/helpers';

/**
 * The folder watcher gathers file-system events and looks at each name once (issue 16: the
 * event loop stays free while a run moves hundreds of exports): nothing may be lost on the way.
 */
const open: { dir: string; watch: DirWatch }[] = [];
afterEach(() => {
  for (const { dir, watch } of open.splice(0)) {
    watch.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function watching(depth: number, setup: (dir: string) => void = () => {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dir-watch-'));
  setup(dir);
  const seen: { file: string; size: number; change: FileChange }[] = [];
  const watch = new DirWatch(dir, {
    depth,
    ignored: (file) => path.basename(file).startsWith('.'),
    onFile: (file, size, change) => seen.push({ file, size, change }),
    coalesceMs: 50,
  });
  open.push({ dir, watch });
  await watch.ready;
  return { dir, seen, watch };
}

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DirWatch', () => {
  it('reports every file of a burst once, as added, with its size', async () => {
    const { dir, seen } = await watching(0);
    const names = Array.from({ length: 300 }, (_, i) => `export-${i}.txt`);
    // Written elsewhere and moved in whole, so each appears once with its content.
    const staging = fs.mkdtempSync(path.join(dir, '.staging-'));
    for (const n of names) fs.writeFileSync(path.join(staging, n), `content of ${n}\n`);
    for (const n of names) fs.renameSync(path.join(staging, n), path.join(dir, n));
    await waitFor(() => seen.length >= names.length, 10_000, 'all 300 files');
    await quiet(300);
    expect(seen.map((s) => path.basename(s.file)).sort()).toEqual([...names].sort());
    expect(seen.every((s) => s.change === 'added')).toBe(true);
    for (const s of seen) expect(s.size).toBe(fs.statSync(s.file).size);
  });

  it('reports a change to a file there from the start, and a grown file as changed', async () => {
    const { dir, seen } = await watching(0, (d) => fs.writeFileSync(path.join(d, 'old.txt'), 'one\n'));
    expect(seen).toEqual([]);
    fs.appendFileSync(path.join(dir, 'old.txt'), 'two\n');
    await waitFor(() => seen.find((s) => s.change === 'changed'), 10_000, 'the change');
    expect(seen).toEqual([{ file: path.join(dir, 'old.txt'), size: 8, change: 'changed' }]);
    fs.writeFileSync(path.join(dir, 'new.txt'), 'a\n');
    await waitFor(() => seen.find((s) => s.file.endsWith('new.txt')), 10_000, 'the new file');
    fs.appendFileSync(path.join(dir, 'new.txt'), 'b\n');
    await waitFor(
      () => seen.find((s) => s.file.endsWith('new.txt') && s.change === 'changed'),
      10_000,
      'grown',
    );
    expect(seen.filter((s) => s.file.endsWith('new.txt')).map((s) => [s.change, s.size])).toEqual([
      ['added', 2],
      ['changed', 4],
    ]);
  });

  it('reports nothing for files moved away, and a file put back under the same name as added', async () => {
    const { dir, seen } = await watching(1, (d) => {
      fs.mkdirSync(path.join(d, 'inbox'));
      for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(d, 'inbox', `e${i}.txt`), 'x\n');
    });
    const away = fs.mkdtempSync(path.join(os.tmpdir(), 'dir-watch-away-'));
    try {
      for (let i = 0; i < 200; i++)
        fs.renameSync(path.join(dir, 'inbox', `e${i}.txt`), path.join(away, `e${i}.txt`));
      await quiet(300);
      expect(seen).toEqual([]);
      fs.renameSync(path.join(away, 'e7.txt'), path.join(dir, 'inbox', 'e7.txt'));
      await waitFor(() => seen.length > 0, 10_000, 'the file put back');
      expect(seen).toEqual([{ file: path.join(dir, 'inbox', 'e7.txt'), size: 2, change: 'added' }]);
    } finally {
      fs.rmSync(away, { recursive: true, force: true });
    }
  });

  it('watches folders that appear within the depth, not below it, and never ignored ones', async () => {
    const { dir, seen } = await watching(1);
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'in-new-folder.txt'), 'x\n');
    await waitFor(() => seen.find((s) => s.file.endsWith('in-new-folder.txt')), 10_000, 'the file in a');
    fs.writeFileSync(path.join(dir, 'a', 'later.txt'), 'y\n');
    fs.writeFileSync(path.join(dir, 'a', 'b', 'too-deep.txt'), 'z\n');
    fs.writeFileSync(path.join(dir, '.hidden.txt'), 'h\n');
    await waitFor(() => seen.find((s) => s.file.endsWith('later.txt')), 10_000, 'the later file in a');
    await quiet(300);
    expect(seen.map((s) => path.relative(dir, s.file)).sort()).toEqual([
      path.join('a', 'in-new-folder.txt'),
      path.join('a', 'later.txt'),
    ]);
  });

  it('reports nothing once closed', async () => {
    const { dir, seen, watch } = await watching(0);
    watch.close();
    fs.writeFileSync(path.join(dir, 'after-close.txt'), 'x\n');
    await quiet(300);
    expect(seen).toEqual([]);
  });
});
