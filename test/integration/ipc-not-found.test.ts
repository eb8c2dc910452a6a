/**
 * Every handler says "not found" one way (src-main/ipc/errors.ts `notFound`): code `not-found`,
 * the request's field, a plain message naming what is missing — with an index and without one.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src-main/core/memory/store';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';
import { notFound } from '../../src-main/ipc/errors';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, serviceFor } from '../unit/ipc/helpers';

const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

function setup(withIndex: boolean) {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  // An index with nothing in it: the handlers look and find nothing (not "no index yet").
  const storeFile = memoryLayout(ws.memory).storeFile;
  if (withIndex) MemoryStore.open(storeFile).close();
  expect(fs.existsSync(storeFile)).toBe(withIndex);
  const service = serviceFor(ws);
  open.push({ ws, service });
  return service;
}

const HASH = '0'.repeat(64);

describe('not found, said one way', () => {
  it('is an IpcFailure with code not-found, the field and the message', () => {
    expect(notFound('id', 'no checkpoint x').toError()).toEqual({
      code: 'not-found',
      message: 'no checkpoint x',
      field: 'id',
    });
  });

  it.each([
    ['with an empty index', true],
    ['before any index exists', false],
  ])('checkpoints and sessions answer alike %s', async (_what, withIndex) => {
    const service = setup(withIndex);
    const missingCheckpoint = {
      ok: false,
      error: { code: 'not-found', field: 'id', message: 'no checkpoint x' },
    };
    expect(await call(service, 'checkpoints:get', { id: 'x' })).toEqual(missingCheckpoint);
    expect(await call(service, 'checkpoints:messages', { id: 'x' })).toEqual(missingCheckpoint);
    expect(await call(service, 'checkpoints:locate', { id: 'x', hash: HASH })).toEqual(missingCheckpoint);
    expect(await call(service, 'sessions:thread', { sessionId: 's' })).toEqual({
      ok: false,
      error: { code: 'not-found', field: 'sessionId', message: 'no session s' },
    });
  });
});
