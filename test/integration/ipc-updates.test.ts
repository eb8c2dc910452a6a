import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpdateController, type UpdaterPort } from '../../src-main/core/update/controller';
import type { IpcService } from '../../src-main/ipc/service';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { serviceFor, value, waitFor, WireClient } from '../unit/ipc/helpers';

interface Status {
  state: string;
  channel: string;
  currentVersion: string;
  lastCheck: string | null;
  nextCheck: string | null;
  version?: string;
  reason?: { code: string; message: string };
  progress?: { percent: number };
  error?: string;
}

const open: { ws: Workspace; server: PreviewServer; service: IpcService; client: WireClient }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.client.close();
    await o.server.close();
    await o.service.close();
    rmWorkspace(o.ws);
  }
});

/** A preview host over a real WebSocket, with the service the test chooses. */
async function host(opts: Parameters<typeof serviceFor>[1] = {}) {
  const ws = makeWorkspace({ exports: [] });
  const rendererDir = path.join(ws.base, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CODITECT</title>');
  const service = serviceFor(ws, opts);
  const server = await startPreviewServer({ rendererDir, service });
  const client = await WireClient.connect(server.wsUrl, `http://127.0.0.1:${server.port}`);
  open.push({ ws, server, service, client });
  return { ws, server, service, client };
}

const updateEvents = (client: WireClient) =>
  client.events.filter((e) => e.event === 'update:state').map((e) => e.payload as Status);

describe('update channels through the preview host', () => {
  it('reports that the installed app manages updates; check and install do nothing and fail nothing', async () => {
    const { client } = await host();
    const status = value(await client.call<Status>('update:status'));
    expect(status).toEqual({
      state: 'disabled',
      channel: 'stable',
      currentVersion: '0.0.0-test',
      lastCheck: null,
      nextCheck: null,
      reason: { code: 'preview', message: expect.stringContaining('managed by the installed app') },
    });
    const checked = value(await client.call<Status>('update:check', {}));
    expect(checked).toMatchObject({ state: 'disabled', reason: { code: 'preview' }, lastCheck: null });
    expect(value(await client.call('update:install'))).toMatchObject({
      installing: false,
      status: { state: 'disabled' },
    });
  });

  it('answers malformed update requests with a validation error naming the field, and keeps serving', async () => {
    const { client } = await host();
    for (const channel of ['update:status', 'update:check', 'update:install']) {
      expect(await client.call(channel, { extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'extra' },
      });
      expect(await client.call(channel, 'now')).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'request' },
      });
      expect(await client.call(channel, null)).toMatchObject({
        ok: false,
        error: { code: 'validation', field: 'request' },
      });
    }
    expect(await client.call('update:nope')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await client.raw('{"id": 99, "channel": "update:check", "request": [')).result).toMatchObject({
      ok: false,
    });
    expect(await client.call('settings:update', { updateChannel: 'nightly' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'updateChannel' },
    });
    expect(await client.call('settings:update', { updateChannel: 1 })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'updateChannel' },
    });
    expect(value(await client.call<Status>('update:status')).state).toBe('disabled');
  });

  it('saves the channel in the settings file and the update service follows it', async () => {
    const { client, ws } = await host();
    expect(value(await client.call<{ updateChannel: string }>('settings:get')).updateChannel).toBe('stable');
    const saved = value(
      await client.call<{ updateChannel: string }>('settings:update', { updateChannel: 'beta' }),
    );
    expect(saved.updateChannel).toBe('beta');
    const file = JSON.parse(
      fs.readFileSync(path.join(ws.env.CODITECT_CONFIG_DIR!, 'settings.json'), 'utf8'),
    ) as {
      updateChannel: string;
    };
    expect(file.updateChannel).toBe('beta');
    expect(value(await client.call<Status>('update:status')).channel).toBe('beta');
    await waitFor(() => updateEvents(client).some((e) => e.channel === 'beta'), 5000, 'update:state (beta)');
    expect(updateEvents(client).at(-1)).toMatchObject({ state: 'disabled', channel: 'beta' });
  });
});

describe('update channels with an attached updater (as Electron wires it)', () => {
  it('is idle and unavailable until the host attaches a controller, then streams its states', async () => {
    const { client, service } = await host({ host: 'electron' });
    expect(value(await client.call<Status>('update:status'))).toMatchObject({
      state: 'idle',
      channel: 'stable',
    });
    expect(await client.call('update:check')).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    let installed = 0;
    const configured: unknown[] = [];
    const port: UpdaterPort = {
      configure: (o) => configured.push(o),
      check: async () => {
        controller.handle({ type: 'available', version: '0.2.0' });
        controller.handle({ type: 'progress', percent: 40, transferred: 40, total: 100, bytesPerSecond: 10 });
      },
      install: () => void installed++,
    };
    const controller = createUpdateController({
      port,
      decision: { enabled: true },
      channel: 'stable',
      currentVersion: '0.1.0',
      setTimer: () => () => undefined,
    });
    controller.start();
    service.attachUpdates(controller);

    const checked = value(await client.call<Status>('update:check'));
    expect(checked).toMatchObject({
      state: 'downloading',
      version: '0.2.0',
      currentVersion: '0.1.0',
      progress: { percent: 40 },
    });
    expect(checked.lastCheck).toEqual(expect.any(String));
    expect(value(await client.call('update:install'))).toMatchObject({ installing: false });
    expect(installed).toBe(0);

    controller.handle({ type: 'downloaded', version: '0.2.0' });
    await waitFor(() => updateEvents(client).some((e) => e.state === 'ready'), 5000, 'update:state ready');
    expect(updateEvents(client).map((e) => e.state)).toEqual(
      expect.arrayContaining(['checking', 'available', 'downloading', 'ready']),
    );
    expect(value(await client.call('update:install'))).toMatchObject({
      installing: true,
      status: { state: 'ready', version: '0.2.0' },
    });
    expect(installed).toBe(1);

    controller.handle({ type: 'error', message: 'feed unreachable' });
    expect(value(await client.call<Status>('update:status')).state).toBe('ready');

    value(await client.call('settings:update', { updateChannel: 'beta' }));
    expect(configured.at(-1)).toMatchObject({ channel: 'beta', allowPrerelease: true });
    expect(value(await client.call<Status>('update:status')).channel).toBe('beta');
  });

  it('shows a failed check as an error state, not a failed call', async () => {
    const { client, service } = await host({ host: 'electron' });
    const controller = createUpdateController({
      port: {
        configure: () => undefined,
        check: () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED')),
        install: () => undefined,
      },
      decision: { enabled: true },
      channel: 'stable',
      currentVersion: '0.1.0',
      setTimer: () => () => undefined,
    });
    controller.start();
    service.attachUpdates(controller);
    expect(value(await client.call<Status>('update:check'))).toMatchObject({
      state: 'error',
      error: 'net::ERR_INTERNET_DISCONNECTED',
    });
  });
});
