/**
 * A reader's store has no write method: the `@ts-expect-error` lines below are the proof, since
 * `tsc -p tsconfig.node.json` checks this file and fails if any of them compiles. At run time the
 * store has no such method, and the named queries answer through it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointReader, CheckpointRepository } from '../../../src-main/core/memory/checkpoints';
import { clearPending } from '../../../src-main/core/memory/tracked-rows';
import { storeTotals } from '../../../src-main/core/memory/totals';
import { MemoryStore, ReadStore } from '../../../src-main/core/memory/store';
import { withReadStore } from '../../../src-main/cli/read-store';
import type { StoreReader } from '../../../src-main/host/store-reader';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function emptyIndex(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-read-store-'));
  dirs.push(dir);
  const file = path.join(dir, 'coditect.sqlite');
  MemoryStore.open(file).close();
  return file;
}

/** Type-level only: never called, so nothing here runs against a store. */
export function readersCannotWrite(reader: ReadStore, host: StoreReader): void {
  // @ts-expect-error a reader has no setMeta
  reader.setMeta('k', 'v');
  // @ts-expect-error a reader has no transactions
  reader.atomically(() => 0);
  // @ts-expect-error nor commit groups
  reader.beginGroup(1);
  // @ts-expect-error the checkpoint writer wants the writer's store
  new CheckpointRepository(reader);
  // @ts-expect-error a write query wants the writer's store
  clearPending(reader, [1]);
  // @ts-expect-error the connection is not reachable from outside core/memory
  void reader.db;
  host.read(
    (store) => {
      // @ts-expect-error the app's store reader hands its callbacks a reader too
      store.deleteMeta('k');
    },
    () => undefined,
  );
  withReadStore({}, (store) => {
    // @ts-expect-error so does the CLI's
    store.setMeta('k', 'v');
  });
}

describe('the read-only store', () => {
  it('answers the named queries and refuses writes', () => {
    const reader = ReadStore.openReadOnly(emptyIndex());
    try {
      expect(storeTotals(reader).checkpoints).toBe(0);
      expect(new CheckpointReader(reader).list()).toEqual([]);
      expect(reader.getMeta('store.writer_open')).toBe('0');
      expect('setMeta' in reader).toBe(false);
    } finally {
      reader.close();
    }
  });

  it('names the file it cannot open', () => {
    const missing = path.join(os.tmpdir(), 'coditect-no-such-dir', 'coditect.sqlite');
    expect(() => ReadStore.openReadOnly(missing)).toThrow(missing);
  });
});
