import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcService } from '../../src-main/ipc/service';
import { TEAM, twoAuthorsWorkspace } from '../helpers/two-authors';
import { rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, serviceFor, value } from '../unit/ipc/helpers';

/** Checkpoints, sessions and search over IPC, filtered by who made a checkpoint and where. */
let ws: Workspace;
let service: IpcService;
beforeAll(() => {
  ws = twoAuthorsWorkspace();
  service = serviceFor(ws);
}, 120_000);
afterAll(async () => {
  await service?.close();
  if (ws) rmWorkspace(ws);
});

const [ann, bob] = TEAM;

describe('who and where over IPC', () => {
  it('lists each checkpoint with its author and machine, and filters by either (any case, part of it)', async () => {
    const all = value(await call(service, 'checkpoints:list', {}));
    expect(all.map((c) => [c.author, c.machine]).sort()).toEqual([
      [`${ann.name} <${ann.email}>`, ann.machine],
      [`${bob.name} <${bob.email}>`, bob.machine],
    ]);
    const byAuthor = value(await call(service, 'checkpoints:list', { author: 'ANN' }));
    expect(byAuthor.map((c) => c.machine)).toEqual([ann.machine]);
    const byMachine = value(await call(service, 'checkpoints:list', { machine: 'desk' }));
    expect(byMachine.map((c) => c.author)).toEqual([`${bob.name} <${bob.email}>`]);
    const byEmail = value(await call(service, 'checkpoints:list', { author: 'bob@example' }));
    expect(byEmail).toHaveLength(1);
    expect(value(await call(service, 'checkpoints:list', { author: 'ann', machine: 'desktop' }))).toEqual([]);
    const detail = value(await call(service, 'checkpoints:get', { id: byAuthor[0]!.id }));
    expect(detail).toMatchObject({ author: `${ann.name} <${ann.email}>`, machine: ann.machine });
  });

  it('filters search hits to what a checkpoint by that author or on that machine holds', async () => {
    const query = 'the';
    const all = value(await call(service, 'search:query', { query, limit: 200 }));
    const annHits = value(await call(service, 'search:query', { query, limit: 200, author: 'ann' }));
    const bobHits = value(await call(service, 'search:query', { query, limit: 200, machine: 'bob-desktop' }));
    expect(annHits.length).toBeGreaterThan(0);
    expect(bobHits.length).toBeGreaterThan(0);
    expect(annHits.length).toBeLessThan(all.length);
    const annCheckpoint = value(await call(service, 'checkpoints:list', { author: 'ann' }))[0]!.id;
    // Bob's export repeats some of Ann's messages: a hit is Bob's when his checkpoint holds it.
    const ids = new Set([...annHits, ...bobHits].map((h) => h.messageId));
    expect(ids.size).toBe(new Set(all.map((h) => h.messageId)).size);
    expect(annHits.every((h) => h.checkpointId === annCheckpoint)).toBe(true);
    expect(value(await call(service, 'search:query', { query, machine: 'nobody' }))).toEqual([]);
  });

  it('filters sessions to those with messages in a checkpoint by that author or on that machine', async () => {
    // Only Ann's run read the transcripts: every session is hers, none is Bob's.
    const all = value(await call(service, 'sessions:list', {}));
    expect(all.length).toBeGreaterThan(0);
    const annSessions = value(await call(service, 'sessions:list', { author: 'Ann Archer' }));
    expect(annSessions.map((s) => s.sessionId)).toEqual(all.map((s) => s.sessionId));
    expect(value(await call(service, 'sessions:list', { machine: 'ann-laptop' }))).toHaveLength(all.length);
    expect(value(await call(service, 'sessions:list', { author: 'bob' }))).toEqual([]);
    expect(value(await call(service, 'sessions:list', { machine: 'bob-desktop' }))).toEqual([]);
  });
});
