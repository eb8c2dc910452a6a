import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discover, type DiscoverySource } from '../../../src-main/core/discovery/discover';
import { cleanup, isRoot, putFixture, tempTree } from './fixture-tree';

const rootSource = (dir: string): DiscoverySource[] => [{ name: 'projects-root', dir, recursive: true }];
const LOOP = 'a loop: leads back to a folder above it';

afterEach(cleanup);

describe('links, loops and unreadable places', () => {
  it('counts a file reached by a symlink and a hard link once, under its smallest real path', async () => {
    const root = tempTree();
    const real = putFixture('export-v1-macos.txt', path.join(root, 'b', 'chat.txt'));
    fs.symlinkSync(real, path.join(root, 'a-link.txt'));
    fs.linkSync(real, path.join(root, 'c-hard.txt'));
    const r = await discover(rootSource(root));
    // The symlink is named by its target; of the two real names the smaller wins.
    expect(r.files.map((f) => f.path)).toEqual([real]);
    expect(r.files[0].ino).toBe(fs.statSync(real).ino);
  });

  it('follows a symlinked directory inside the root and names files by their real path', async () => {
    const root = tempTree();
    const real = putFixture('export-v1-macos.txt', path.join(root, 'archive', 'chats', 'one.txt'));
    fs.symlinkSync(path.join(root, 'archive', 'chats'), path.join(root, 'linked'));
    // Relative, as people write them: `ln -s ../archive/chats team/chats`.
    fs.mkdirSync(path.join(root, 'team'));
    fs.symlinkSync(path.join('..', 'archive', 'chats'), path.join(root, 'team', 'chats'));
    const r = await discover(rootSource(root));
    expect(r.files.map((f) => f.path)).toEqual([real]);
    expect(r.problems).toEqual([]);
    expect(r.skippedLinks).toEqual([]);
  });

  it('lists a directory reached by two links once and names its files by their real path', async () => {
    const root = tempTree();
    const real = putFixture('export-v1-macos.txt', path.join(root, 'store', 'shared', 'one.txt'));
    fs.symlinkSync(path.join(root, 'store', 'shared'), path.join(root, 'link-a'));
    fs.symlinkSync(path.join(root, 'store', 'shared'), path.join(root, 'link-b'));
    fs.symlinkSync(path.join(root, 'link-a'), path.join(root, 'link-to-link'));
    const r = await discover(rootSource(root), { skipDirs: (n) => n === 'store' });
    expect(r.files.map((f) => f.path)).toEqual([real]);
    expect(r.problems).toEqual([]);
    expect(r.skippedLinks).toEqual([]);
  });

  it('reports links that point at each other (a -> b -> a) and terminates', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'a', 'chat.txt'));
    fs.mkdirSync(path.join(root, 'b'));
    fs.symlinkSync(path.join(root, 'b'), path.join(root, 'a', 'to-b'));
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'b', 'to-a'));
    const r = await discover(rootSource(root));
    expect(r.files.map((f) => path.relative(root, f.path))).toEqual(['a/chat.txt']);
    expect(r.problems).toEqual([]);
    expect(r.skippedLinks).toEqual([
      { path: path.join(root, 'a', 'to-b', 'to-a'), target: path.join(root, 'a'), reason: LOOP },
      { path: path.join(root, 'b', 'to-a', 'to-b'), target: path.join(root, 'b'), reason: LOOP },
    ]);
  });

  it.skipIf(process.platform === 'win32')('never opens a FIFO, even one named like an export', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'chat.txt'));
    execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
    fs.symlinkSync(path.join(root, 'pipe.txt'), path.join(root, 'link-to-pipe.txt'));
    const r = await discover(rootSource(root));
    expect(r.files.map((f) => path.relative(root, f.path))).toEqual(['chat.txt']);
    expect(r.problems).toEqual([]);
  });

  it('reports a symlink loop (directory -> parent) and terminates', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'a', 'chat.txt'));
    fs.symlinkSync('..', path.join(root, 'a', 'up'));
    const r = await discover(rootSource(root));
    expect(r.files.map((f) => path.relative(root, f.path))).toEqual(['a/chat.txt']);
    expect(r.problems).toEqual([]);
    expect(r.skippedLinks).toEqual([{ path: path.join(root, 'a', 'up'), target: root, reason: LOOP }]);
  });

  it('reports a symlink that points at itself', async () => {
    const root = tempTree();
    fs.symlinkSync('self.txt', path.join(root, 'self.txt'));
    const r = await discover(rootSource(root));
    expect(r.problems).toEqual([]);
    expect(r.skippedLinks).toEqual([
      {
        path: path.join(root, 'self.txt'),
        target: path.join(root, 'self.txt'),
        reason: 'a loop: the link leads back to itself',
      },
    ]);
  });

  it('skips a dangling symlink quietly', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'chat.txt'));
    fs.symlinkSync(path.join(root, 'gone'), path.join(root, 'dangling.txt'));
    fs.symlinkSync(path.join(root, 'gone-dir'), path.join(root, 'dangling-dir'));
    const r = await discover(rootSource(root));
    expect(r.files).toHaveLength(1);
    expect(r.problems).toEqual([]);
  });

  it('skips a directory that vanishes mid-walk quietly', async () => {
    const root = tempTree();
    putFixture('export-v1-macos.txt', path.join(root, 'stays', 'chat.txt'));
    putFixture('export-v1-macos.txt', path.join(root, 'vanishes', 'deep', 'other.txt'));
    let removed = false;
    // The skip rule runs while the root is listed, before its subdirectories are read.
    const skipDirs = () => {
      if (!removed) fs.rmSync(path.join(root, 'vanishes'), { recursive: true });
      removed = true;
      return false;
    };
    const r = await discover(rootSource(root), { skipDirs });
    expect(r.files.map((f) => path.relative(root, f.path))).toEqual(['stays/chat.txt']);
    expect(r.problems).toEqual([]);
  });

  it('treats a missing source as empty, not as a problem', async () => {
    const root = tempTree();
    const r = await discover(rootSource(path.join(root, 'does-not-exist')));
    expect(r).toEqual({
      files: [],
      waiting: [],
      problems: [],
      skippedLinks: [],
      dirsScanned: 0,
      entriesSeen: 0,
    });
  });

  it.skipIf(isRoot)(
    'reports an unreadable directory and carries on (not as root: root reads anything)',
    async () => {
      const root = tempTree();
      putFixture('export-v1-macos.txt', path.join(root, 'open', 'chat.txt'));
      putFixture('export-v1-macos.txt', path.join(root, 'locked', 'chat.txt'));
      fs.chmodSync(path.join(root, 'locked'), 0o000);
      const r = await discover(rootSource(root));
      expect(r.files.map((f) => path.relative(root, f.path))).toEqual(['open/chat.txt']);
      expect(r.problems).toEqual([
        { path: path.join(root, 'locked'), reason: 'permission denied (EACCES)', scope: 'directory' },
      ]);
    },
  );

  it.skipIf(isRoot)('reports an unreadable candidate file (not as root)', async () => {
    const root = tempTree();
    const file = putFixture('export-v1-macos.txt', path.join(root, 'chat.txt'));
    fs.chmodSync(file, 0o000);
    const r = await discover(rootSource(root));
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([{ path: file, reason: 'permission denied (EACCES)', scope: 'file' }]);
  });
});
