import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-main/ipc/contract';
import type { IpcService } from '../../src-main/ipc/service';
import {
  bareRemoteFor,
  git,
  gitSandbox,
  head,
  initRepo,
  removeSandbox,
  type GitSandbox,
} from '../helpers/git-repos';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, recordEvents, serviceFor, value, waitFor } from '../unit/ipc/helpers';

/** The app's Sync (sync:run, sync:status, sync:done, "sync automatically") over real git and a file:// remote. */
let sb: GitSandbox;
const open: { ws: Workspace; service: IpcService }[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});
afterAll(() => removeSandbox(sb));

function setup(opts: { repo: boolean }) {
  const ws = makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false });
  // The workspace copied this process's environment before the sandbox: git's config goes in too.
  Object.assign(ws.env, { GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' });
  let bare = '';
  if (opts.repo) {
    initRepo(ws.master);
    bare = bareRemoteFor(ws.master, path.join(ws.base, 'memory.git'));
  }
  const service = serviceFor(ws);
  open.push({ ws, service });
  return { ws, service, bare, events: recordEvents(service) };
}

describe('sync in the app', () => {
  it('says when the memory is in no repository', async () => {
    const { ws, service } = setup({ repo: false });
    expect(value(await call(service, 'sync:status'))).toEqual({ state: 'not-in-git', memoryDir: ws.memory });
    const r = value(await call(service, 'sync:run', {}));
    expect(r.ok).toBe(false);
    expect(r.problem!.fix).toContain('coditect setup');
  });

  it('syncs on request: pushes, and the status shows nothing ahead and when it last synced', async () => {
    const { ws, service, bare, events } = setup({ repo: true });
    fs.writeFileSync(path.join(ws.memory, 'MANIFEST.json'), '{}\n');
    const before = value(await call(service, 'sync:status'));
    expect(before).toMatchObject({
      state: 'tracking',
      branch: 'main',
      upstream: 'origin/main',
      ahead: 0,
      lastSync: null,
    });
    const r = value(await call(service, 'sync:run', { push: true }));
    expect(r).toMatchObject({ ok: true, pushed: true, ahead: 0 });
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(head(ws.master));
    const after = value(await call(service, 'sync:status'));
    expect(after).toMatchObject({ state: 'tracking', ahead: 0, behind: 0, lastSync: { ok: true } });
    const done = events.find((e) => e.event === 'sync:done')!.payload as EventOf<'sync:done'>;
    expect(done.report.ok).toBe(true);
  });

  it('with "sync automatically" on, syncs after a run that wrote a checkpoint', async () => {
    const { ws, service, bare, events } = setup({ repo: true });
    value(await call(service, 'settings:update', { autoSync: true }));
    value(await call(service, 'pipeline:start', {}));
    await waitFor(() => events.some((e) => e.event === 'pipeline:done'), 50_000, 'pipeline:done');
    await waitFor(() => events.some((e) => e.event === 'sync:done'), 20_000, 'sync:done');
    const done = events.find((e) => e.event === 'sync:done')!.payload as EventOf<'sync:done'>;
    expect(done.report).toMatchObject({ ok: true, pushed: true });
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(head(ws.master));
    expect(git(bare, ['log', '--format=%s', '-1', 'main']).trim()).toMatch(/^checkpoint: /);
  });
});
