import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveImportedExports } from '../../../src-main/core/checkpoint/archive-exports';
import { sha256Hex } from '../../../src-main/core/identity/file-hash';
import { SourceRepository } from '../../../src-main/core/memory/sources';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-copy-'));
  dirs.push(dir);
  const store = MemoryStore.open(path.join(dir, 'store.sqlite'));
  const file = path.join(dir, 'Downloads', 'chat.txt');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, '> hello\n\n⏺ Hi.\n');
  const id = new SourceRepository(store).insert({
    kind: 'export',
    path: file,
    name: 'chat.txt',
    sha256: sha256Hex(fs.readFileSync(file)),
    size: fs.statSync(file).size,
    mtimeMs: 0,
    project: null,
    titleHint: null,
    importedAt: 'now',
  });
  return { store, file, id, archive: path.join(dir, 'exports-archive') };
}

const keep = () => ({ action: 'copy', reason: 'you chose to keep originals (archive by copy)' }) as const;

describe('archiving by copy', () => {
  it('copies, keeps the original, and records the row as archived (nothing to do the next time)', () => {
    const { store, file, archive } = setup();
    const [r] = archiveImportedExports(store, archive, keep);
    expect(r).toEqual({
      status: 'copied',
      from: file,
      to: path.join(archive, 'chat.txt'),
      reason: 'you chose to keep originals (archive by copy)',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('> hello\n\n⏺ Hi.\n');
    expect(fs.statSync(path.join(archive, 'chat.txt')).ino).not.toBe(fs.statSync(file).ino);
    expect(archiveImportedExports(store, archive, keep)).toEqual([]);
    store.close();
  });

  it('after a crash between the copy and its record, records the copy made instead of making a second', () => {
    const { store, file, id, archive } = setup();
    fs.mkdirSync(archive);
    fs.copyFileSync(file, path.join(archive, 'chat.txt'));
    new SourceRepository(store).planArchive(id, path.join(archive, 'chat.txt'));
    const [r] = archiveImportedExports(store, archive, keep);
    expect(r).toMatchObject({ status: 'copied', to: path.join(archive, 'chat.txt') });
    expect(fs.readdirSync(archive)).toEqual(['chat.txt']);
    store.close();
  });

  it('a move half done by an earlier run (a link) becomes a real copy when originals are kept now', () => {
    const { store, file, id, archive } = setup();
    fs.mkdirSync(archive);
    fs.linkSync(file, path.join(archive, 'chat.txt'));
    new SourceRepository(store).planArchive(id, path.join(archive, 'chat.txt'));
    const [r] = archiveImportedExports(store, archive, keep);
    expect(r).toMatchObject({ status: 'copied', to: path.join(archive, 'chat.txt') });
    expect(fs.statSync(path.join(archive, 'chat.txt')).ino).not.toBe(fs.statSync(file).ino);
    expect(fs.existsSync(file)).toBe(true);
    store.close();
  });
});
