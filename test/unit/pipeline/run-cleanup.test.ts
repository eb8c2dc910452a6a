import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLog } from '../../../src-main/core/log/open-log';
import { connection } from '../../../src-main/core/memory/connection';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { acquirePipelineLock } from '../../../src-main/core/pipeline/pipeline-lock';
import { releaseAll } from '../../../src-main/core/pipeline/run-cleanup';
import { memoryLayout } from '../../../src-main/core/workspace/memory-layout';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function layout() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-cleanup-'));
  dirs.push(dir);
  const l = memoryLayout(dir);
  fs.mkdirSync(l.localDir, { recursive: true });
  return l;
}

/**
 * Another connection holding the write lock makes the store's close throw (it cannot write its
 * clean-close mark), as a full disk does; without waiting, so the test does not either.
 */
function blockWrites(store: MemoryStore): Database.Database {
  connection(store).pragma('busy_timeout = 0');
  const other = new Database(store.file);
  other.exec('BEGIN IMMEDIATE');
  return other;
}

describe('the end of a run, when closing the index throws', () => {
  it('the store closes its connection anyway and says why the close was not clean', () => {
    const l = layout();
    const store = MemoryStore.open(l.storeFile);
    const other = blockWrites(store);
    expect(() => store.close()).toThrow(/locked/);
    expect(connection(store).open).toBe(false);
    other.exec('ROLLBACK');
    other.close();
    // The mark was never written: the next writer knows the last close was not clean.
    const next = MemoryStore.open(l.storeFile);
    expect(next.closedCleanlyBefore).toBe(false);
    next.close();
  });

  it('the parser stops and the lock is released after it, and the problem is named', async () => {
    const l = layout();
    const log = openLog(l.logFile, { maxLines: 100 });
    const release = await acquirePipelineLock(l.lockTarget, l.lockOwnerFile, l.root, {
      waitMs: 0,
      command: 'test',
    });
    const store = MemoryStore.open(l.storeFile);
    const other = blockWrites(store);
    let parserStopped = false;

    const problem = await releaseAll(
      [
        { what: `close the index ${l.storeFile}`, release: () => store.close() },
        { what: 'stop the parse worker', release: async () => void (parserStopped = true) },
        { what: 'release the lock', release },
      ],
      log,
    );

    expect(problem).toMatch(new RegExp(`^could not close the index ${l.storeFile}: .*locked`));
    expect(parserStopped).toBe(true);
    expect(fs.existsSync(l.lockOwnerFile)).toBe(false);
    const again = await acquirePipelineLock(l.lockTarget, l.lockOwnerFile, l.root, {
      waitMs: 0,
      command: 'test',
    });
    await again();
    other.exec('ROLLBACK');
    other.close();
    log.close();
    expect(fs.readFileSync(l.logFile, 'utf8')).toContain('could not close the index');
  });
});
