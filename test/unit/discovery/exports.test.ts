import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover, type DiscoverySource } from '../../../src-main/core/discovery/discover';
import { cleanup, fixture, put, putFixture, tempTree } from './fixture-tree';

const rootSource = (dir: string): DiscoverySource[] => [{ name: 'projects-root', dir, recursive: true }];
const names = (files: { path: string }[], root: string) => files.map((f) => path.relative(root, f.path));

afterEach(cleanup);

describe('exports are identified by content, not by name', () => {
  it('finds exports with odd names and in nested folders', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'a', 'notes'));
    putFixture('export-v2-linux-overlap.txt', path.join(root, 'a', 'b', 'chat.txt'));
    putFixture('real-export-v2.0.50-macos.txt', path.join(root, 'session.MD'));
    putFixture('export-macroman-mojibake.txt', path.join(root, 'x', 'old.log'));
    const r = await discover(rootSource(root));
    expect(names(r.files, root)).toEqual(['a/b/chat.txt', 'a/notes', 'session.MD', 'x/old.log']);
    expect(r.files.every((f) => f.kind === 'export' && f.source === 'projects-root')).toBe(true);
    expect(r.waiting).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('reports size, mtime and identity from the file', async () => {
    const root = tempTree();
    const file = putFixture('export-v1-macos.txt', path.join(root, 'chat.txt'));
    const [found] = (await discover(rootSource(root))).files;
    const s = fs.statSync(file);
    expect(found).toEqual({
      path: file,
      kind: 'export',
      size: s.size,
      mtimeMs: s.mtimeMs,
      dev: s.dev,
      ino: s.ino,
      source: 'projects-root',
    });
  });

  it('ignores Markdown that talks about Claude Code, binaries named .txt, and empty files', async () => {
    const root = tempTree();
    put(
      path.join(root, 'README.md'),
      '# Notes\n\nI asked Claude Code v2.1 to refactor.\n\n> a quote\n\n- use `⏺` carefully\n',
    );
    put(path.join(root, 'blob.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00, 0x10]));
    put(path.join(root, 'empty.txt'), '');
    const r = await discover(rootSource(root));
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('finds exports whose markers start after the first kilobyte, after 8 KiB, or after mojibake', async () => {
    const root = tempTree();
    const prose = (bytes: number): string => 'notes before the chat\n'.repeat(Math.ceil(bytes / 22));
    const v1 = fs.readFileSync(fixture('export-v1-macos.txt'));
    put(path.join(root, 'a-2k.txt'), Buffer.concat([Buffer.from(prose(2000)), v1]));
    put(path.join(root, 'b-20k.txt'), Buffer.concat([Buffer.from(prose(20_000)), v1]));
    putFixture('export-cp1252-mojibake.txt', path.join(root, 'c-cp1252.txt'));
    putFixture('export-stray-byte.txt', path.join(root, 'd-stray.txt'));
    const r = await discover(rootSource(root));
    expect(names(r.files, root)).toEqual(['a-2k.txt', 'b-20k.txt', 'c-cp1252.txt', 'd-stray.txt']);
    expect(r.problems).toEqual([]);
  });

  it('judges each file on its own bytes, whatever was read before it', async () => {
    const root = tempTree();
    // Read in this order: a long export, then short files that must not see its bytes.
    putFixture('real-export-v2.0.50-macos.txt', path.join(root, 'a.txt'));
    put(path.join(root, 'b.txt'), 'a short note\n');
    put(path.join(root, 'c.md'), '> quoted\n');
    const r = await discover(rootSource(root));
    expect(names(r.files, root)).toEqual(['a.txt']);
    expect(r.problems).toEqual([]);
  });

  it('reports an /export-named file whose head turns binary after a banner', async () => {
    const root = tempTree();
    const text = Buffer.concat([
      Buffer.from(`│ ✻ Welcome to Claude Code!\n${'x'.repeat(3000)}\n`),
      Buffer.from([0, 1, 2]),
    ]);
    put(path.join(root, '2025-10-01-fix-the-bug.txt'), text);
    put(path.join(root, 'other.txt'), text);
    const r = await discover(rootSource(root));
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([
      {
        path: path.join(root, '2025-10-01-fix-the-bug.txt'),
        reason: 'named like an /export but holds no conversation (binary or damaged?)',
        scope: 'file',
      },
    ]);
  });

  it('does not open files whose extension cannot be an export, nor hidden files', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'src', 'chat.ts'));
    putFixture('export-v1-macos.txt', path.join(root, 'data.json'));
    putFixture('export-v1-macos.txt', path.join(root, '.chat'));
    const r = await discover(rootSource(root));
    expect(r.files).toEqual([]);
    expect(r.entriesSeen).toBe(4); // src/, .chat, data.json at the top; chat.ts inside src
  });

  it('never enters skipped directories', async () => {
    const root = tempTree();
    for (const d of [
      'node_modules/pkg',
      '.git',
      'MEMORY-CONTEXT/exports-archive',
      '.venv',
      'venv',
      '__pycache__',
      'dist',
      'build',
      'out',
      'target',
      '.next',
      '.cache',
      'coverage',
    ]) {
      putFixture('export-v1-macos.txt', path.join(root, d, 'chat.txt'));
    }
    putFixture('export-v1-macos.txt', path.join(root, 'MEMORY-CONTEXT', 'kept.txt'));
    const r = await discover(rootSource(root));
    expect(names(r.files, root)).toEqual(['MEMORY-CONTEXT/kept.txt']);
  });

  it('skips a virtualenv of any name by its pyvenv.cfg', async () => {
    const root = tempTree();
    put(path.join(root, 'py312', 'pyvenv.cfg'), 'home = /usr/bin\n');
    putFixture('export-v1-macos.txt', path.join(root, 'py312', 'lib', 'chat.txt'));
    putFixture('export-v1-macos.txt', path.join(root, 'py312', 'chat.txt'));
    expect((await discover(rootSource(root))).files).toEqual([]);
  });

  it('lets the caller replace the skip rule', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'build', 'chat.txt'));
    putFixture('export-v1-macos.txt', path.join(root, 'private', 'chat.txt'));
    const r = await discover(rootSource(root), { skipDirs: (n) => n === 'private' });
    expect(names(r.files, root)).toEqual(['build/chat.txt']);
  });

  it('a non-recursive source looks at the top level only', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'top.txt'));
    putFixture('export-v1-macos.txt', path.join(root, 'sub', 'deep.txt'));
    const r = await discover([{ name: 'cwd', dir: root, recursive: false }]);
    expect(names(r.files, root)).toEqual(['top.txt']);
    expect(r.dirsScanned).toBe(1);
  });

  it('counts what it scanned', async () => {
    const root = tempTree();
    put(path.join(root, 'a', 'b', 'c.ts'), 'x');
    put(path.join(root, 'a', 'd.json'), '{}');
    const r = await discover(rootSource(root));
    expect(r.dirsScanned).toBe(3);
    expect(r.entriesSeen).toBe(4);
  });
});
