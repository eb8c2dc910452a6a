import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDispositions, dropZones } from '../../../src-main/core/checkpoint/archive-policy';
import { beginsLikeExport } from '../../../src-main/core/formats/export-start';
import { git, gitSandbox, initRepo, removeSandbox, write, type GitSandbox } from '../../helpers/git-repos';
import { FIXTURES } from '../../helpers/fixtures';

let sb: GitSandbox;
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => removeSandbox(sb));

const EXPORT = fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), 'utf8');

describe('which imported exports may be moved', () => {
  it('asks git about names with glob characters literally, and about many files at once', async () => {
    const repo = initRepo(path.join(sb.base, 'globs'));
    const star = write(path.join(repo, '*.txt'), EXPORT);
    const plain = write(path.join(repo, 'plain.txt'), EXPORT);
    git(repo, ['add', '--', ':(literal)*.txt']);
    git(repo, ['commit', '-q', '-m', 'a tracked file named *.txt']);
    // More than one batch of paths: the answers must not get mixed up across batches.
    const many = Array.from({ length: 1100 }, (_, i) => write(path.join(repo, `chat-${i}.txt`), EXPORT));
    git(repo, ['add', '--', 'chat-7.txt', 'chat-1050.txt']);
    git(repo, ['commit', '-q', '-m', 'two tracked']);
    const d = await decideDispositions([star, plain, ...many], { mode: 'move', dropZones: [] });
    expect(d.get(star)).toEqual({ action: 'copy', reason: `tracked by git in ${repo}` });
    expect(d.get(plain)).toEqual({ action: 'move' });
    const tracked = many.filter((f) => d.get(f)?.action === 'copy').map((f) => path.basename(f));
    expect(tracked.sort()).toEqual(['chat-1050.txt', 'chat-7.txt']);
  });

  it('leaves a file alone when git cannot answer for its repository', async () => {
    const repo = path.join(sb.base, 'broken');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true }); // a .git with nothing in it
    const file = write(path.join(repo, 'chat.txt'), EXPORT);
    const d = await decideDispositions([file], { mode: 'move', dropZones: [] });
    expect(d.get(file)?.action).toBe('copy');
    expect((d.get(file) as { reason: string }).reason).toMatch(
      new RegExp(`^git could not say whether ${repo} tracks it: `),
    );
  });

  it('moves an export outside any repository only from a drop zone', async () => {
    const home = path.join(sb.base, 'plain-home');
    const zones = dropZones({
      home,
      tmpdir: path.join(sb.base, 'tmp'),
      memoryDir: path.join(home, 'PROJECTS', 'master', 'MEMORY-CONTEXT'),
    });
    const desktop = write(path.join(home, 'Desktop', 'chat.txt'), EXPORT);
    const inbox = write(path.join(home, 'PROJECTS', 'master', 'MEMORY-CONTEXT', 'inbox', 'c.txt'), EXPORT);
    const nested = write(path.join(home, 'Desktop', 'old', 'chat.txt'), EXPORT);
    const d = await decideDispositions([desktop, inbox, nested], { mode: 'move', dropZones: zones });
    expect(d.get(desktop)).toEqual({ action: 'move' });
    expect(d.get(inbox)).toEqual({ action: 'move' });
    expect(d.get(nested)?.action).toBe('copy');
  });
});

describe('beginsLikeExport', () => {
  it('accepts every fixture export and rejects a script or notes around one', () => {
    for (const name of fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.txt')))
      expect(beginsLikeExport(fs.readFileSync(path.join(FIXTURES, name))), name).toBe(true);
    expect(beginsLikeExport(Buffer.from(`#!/bin/sh\ncat <<EOF\n${EXPORT}EOF\n`))).toBe(false);
    expect(beginsLikeExport(Buffer.from(`Notes from Tuesday\n\n${EXPORT}`))).toBe(false);
    expect(beginsLikeExport(Buffer.from('\n\n> fix the build\n\n⏺ Done.\n'))).toBe(true);
    expect(beginsLikeExport(Buffer.from(''))).toBe(false);
  });
});
