import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventOf, ResponseOf } from '../../src-main/ipc/contract';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, recordEvents, serviceFor, value, waitFor } from '../unit/ipc/helpers';
import { contentHash } from '../../src-main/core/identity/content-hash';

const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

function setup() {
  const ws = makeWorkspace();
  const service = serviceFor(ws);
  open.push({ ws, service });
  return { ws, service, events: recordEvents(service) };
}

type Thread = ResponseOf<'sessions:thread'>;

/** Every node's parent is the node before it (a line's later blocks share the line's parent). */
function inParentOrder(thread: Thread): boolean {
  return thread.every((n, i) => {
    if (i === 0) return true;
    const prev = thread[i - 1]!;
    const prevLine = prev.uuid.split('#')[0];
    return n.parentUuid === prevLine || n.parentUuid === prev.parentUuid;
  });
}

describe('a pipeline run through the IPC service (worker thread, real store)', () => {
  it('streams progress to pipeline:done and refuses a second run while answering (the run is in a worker)', async () => {
    const { service, events } = setup();
    const pending = value(await call(service, 'exports:pending', undefined));
    expect(pending.files.map((f) => f.kind).sort()).toEqual(['export', 'export', 'transcript', 'transcript']);

    // How free the event loop stays is a figure of `npm run bench`, not a test: timings here are noise.
    const result = await (async () => {
      const { runId } = value(await call(service, 'pipeline:start', { description: 'From the app' }));
      expect(await call(service, 'pipeline:start', {})).toMatchObject({
        ok: false,
        error: { code: 'busy' },
      });
      expect(value(await call(service, 'pipeline:status', undefined))).toMatchObject({
        running: true,
        runId,
      });
      await waitFor(() => events.some((e) => e.event === 'pipeline:done'), 60_000, 'pipeline:done');
      return runId;
    })();

    const progress = events
      .filter((e) => e.event === 'pipeline:event')
      .map((e) => (e.payload as EventOf<'pipeline:event'>).event);
    expect(progress.filter((e) => e.type === 'step-started').map((e) => e.step)).toEqual([
      'preflight',
      'discover',
      'import',
      'archive',
      'checkpoint',
      'git',
    ]);
    expect(progress.filter((e) => e.type === 'file-done')).toHaveLength(4);
    const done = events.find((e) => e.event === 'pipeline:done')!.payload as EventOf<'pipeline:done'>;
    expect(done.runId).toBe(result);
    expect(done.summary).toMatchObject({ outcome: 'done', exitCode: 0, error: null });
    expect(done.summary.counts.newUnique).toBeGreaterThan(0);

    const status = value(await call(service, 'pipeline:status', undefined));
    expect(status).toMatchObject({ running: false, runId: null, last: { outcome: 'done' } });
    expect(value(await call(service, 'exports:pending', undefined)).files).toEqual([]);
  });

  it('serves what the run stored: dashboard, checkpoints, messages, search, sessions', async () => {
    const { ws, service, events } = setup();
    value(await call(service, 'pipeline:start', { description: 'Browse me' }));
    await waitFor(() => events.some((e) => e.event === 'pipeline:done'), 60_000, 'pipeline:done');

    const dash = value(await call(service, 'dashboard:summary', undefined));
    expect(dash.totals).toMatchObject({ exports: 2, transcripts: 2, checkpoints: 1 });
    expect(dash.totals.messagesRead).toBe(dash.totals.globalUniqueMessages + dash.totals.duplicates);
    expect(dash.perCheckpoint).toHaveLength(1);
    expect(dash.lastRun).toMatchObject({ outcome: 'done' });

    const [cp] = value(await call(service, 'checkpoints:list', { filter: 'browse' }));
    expect(cp).toMatchObject({ title: 'Browse me', status: 'written' });
    expect(value(await call(service, 'checkpoints:list', { filter: 'no such title' }))).toEqual([]);
    const detail = value(await call(service, 'checkpoints:get', { id: cp!.id }));
    expect(detail.sources.map((s) => s.kind).sort()).toEqual([
      'export',
      'export',
      'transcript',
      'transcript',
    ]);
    expect(detail.sources.filter((s) => s.kind === 'export').every((s) => s.archivedAs)).toBe(true);
    const page = value(await call(service, 'checkpoints:messages', { id: cp!.id, offset: 0, limit: 10 }));
    expect(page).toHaveLength(10);
    expect(detail.messageCount).toBeGreaterThan(10);

    // checkpoints:locate gives the index checkpoints:messages has the message at: every row checked.
    const all = value(await call(service, 'checkpoints:messages', { id: cp!.id, offset: 0, limit: 1000 }));
    expect(all).toHaveLength(detail.messageCount);
    const firstIndex = new Map<string, number>();
    all.forEach((m, i) => {
      const h = contentHash(m.role, m.text);
      if (!firstIndex.has(h)) firstIndex.set(h, i);
    });
    for (const [hash, index] of firstIndex)
      expect(value(await call(service, 'checkpoints:locate', { id: cp!.id, hash }))).toEqual({ index });
    expect(value(await call(service, 'checkpoints:locate', { id: cp!.id, hash: 'f'.repeat(64) }))).toEqual({
      index: null,
    });
    const missing = await call(service, 'checkpoints:locate', { id: 'no-such', hash: 'f'.repeat(64) });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');

    const hits = value(await call(service, 'search:query', { query: 'module', limit: 5 }));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.snippet).toMatch(/\[module\]/i);
    expect(
      value(await call(service, 'search:query', { query: 'module', role: 'user', source: 'export' })).every(
        (h) => h.role === 'user',
      ),
    ).toBe(true);

    const sessions = value(await call(service, 'sessions:list', { project: 'demo-master' }));
    expect(sessions.map((s) => s.sessionId).sort()).toEqual([
      '1e2feb89-414c-343c-1027-c4d1c386bbc4',
      'cd613e30-d8f1-6adf-91b7-584a2265b1f5',
    ]);
    for (const s of sessions) {
      const thread = value(await call(service, 'sessions:thread', { sessionId: s.sessionId }));
      expect(thread.length).toBe(s.messages + s.compactions);
      expect(inParentOrder(thread), s.sessionId).toBe(true);
    }
    const resumed = value(
      await call(service, 'sessions:thread', { sessionId: '1e2feb89-414c-343c-1027-c4d1c386bbc4' }),
    );
    const boundary = resumed.at(-1)!;
    expect(boundary).toMatchObject({
      kind: 'compaction',
      role: 'system',
      parentUuid: resumed.at(-2)!.uuid.split('#')[0],
    });
    const first = value(
      await call(service, 'sessions:thread', {
        sessionId: 'cd613e30-d8f1-6adf-91b7-584a2265b1f5',
        limit: 1,
      }),
    );
    expect(first[0]).toMatchObject({ parentUuid: null, role: 'user', depth: 0 });

    // The run committed nothing (no repository yet) and left the exports archived.
    expect(fs.existsSync(path.join(ws.downloads, 'export-v2-linux-overlap.txt'))).toBe(false);
  });

  it('commits the checkpoint from the Repositories view (repos:commit)', async () => {
    const { ws, service, events } = setup();
    const { spawnSync } = await import('node:child_process');
    const git = (...args: string[]) =>
      spawnSync(
        'git',
        ['-C', ws.master, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args],
        { encoding: 'utf8' },
      );
    git('init', '-q', '-b', 'main');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    value(await call(service, 'pipeline:start', { git: false }));
    await waitFor(() => events.some((e) => e.event === 'pipeline:done'), 60_000, 'pipeline:done');
    const reply = value(await call(service, 'repos:commit', {}));
    expect(reply.ok).toBe(true);
    expect(git('log', '--format=%s', '-1').stdout).toMatch(/checkpoint/i);
    const [repo] = value(await call(service, 'repos:list', undefined));
    expect(repo!.lastCommit?.subject).toMatch(/checkpoint/i);
  });
});
