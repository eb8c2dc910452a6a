import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf, ResponseOf } from '../../src-main/ipc/contract';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { value, waitFor, WireClient } from '../unit/ipc/helpers';

let ws: Workspace;
let server: PreviewServer;

beforeAll(async () => {
  ws = makeWorkspace();
  const rendererDir = path.join(ws.base, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CODITECT</title>');
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.0.0-test',
    serviceOptions: { cwd: ws.home, settleMs: 0, lockWaitMs: 0 },
  });
});

afterAll(async () => {
  await server.close();
  rmWorkspace(ws);
});

describe('a run driven through the preview WebSocket over a real workspace', () => {
  it('carries progress to pipeline:done, then serves the sessions in parentUuid order with the compaction marked', async () => {
    const client = await WireClient.connect(server.wsUrl, `http://127.0.0.1:${server.port}`);
    const { runId } = value(
      await client.call<ResponseOf<'pipeline:start'>>('pipeline:start', { description: 'Over the wire' }),
    );
    expect(await client.call('pipeline:start', {})).toMatchObject({ ok: false, error: { code: 'busy' } });
    const done = await waitFor(
      () => client.events.find((e) => e.event === 'pipeline:done'),
      60_000,
      'pipeline:done',
    );
    expect(done.payload).toMatchObject({ runId, summary: { outcome: 'done', exitCode: 0 } });

    const progress = client.events
      .filter((e) => e.event === 'pipeline:event')
      .map((e) => e.payload as EventOf<'pipeline:event'>);
    expect(progress.every((p) => p.runId === runId)).toBe(true);
    const types = progress.map((p) => p.event.type);
    expect(types[0]).toBe('step-started');
    expect(types.filter((t) => t === 'file-started')).toHaveLength(4);
    expect(types.filter((t) => t === 'file-done')).toHaveLength(4);
    expect(client.events.findIndex((e) => e.event === 'pipeline:done')).toBeGreaterThan(
      client.events.findLastIndex((e) => e.event === 'pipeline:event'),
    );
    // The run writes the log; the viewer gets it live.
    await waitFor(
      () =>
        client.events.some(
          (e) => e.event === 'log:lines' && JSON.stringify(e.payload).includes('export-dedup done'),
        ),
      5000,
      'the run in the live log',
    );

    const sessions = value(await client.call<ResponseOf<'sessions:list'>>('sessions:list'));
    const resumed = sessions.find((s) => s.compactions === 1)!;
    const thread = value(
      await client.call<ResponseOf<'sessions:thread'>>('sessions:thread', { sessionId: resumed.sessionId }),
    );
    for (let i = 1; i < thread.length; i++) {
      const prev = thread[i - 1]!;
      expect([prev.uuid.split('#')[0], prev.parentUuid]).toContain(thread[i]!.parentUuid);
    }
    expect(thread.at(-1)).toMatchObject({ kind: 'compaction', text: expect.stringMatching(/compacted/i) });
    expect(value(await client.call<ResponseOf<'pipeline:status'>>('pipeline:status'))).toMatchObject({
      running: false,
      last: { outcome: 'done' },
    });
    client.close();
  });
});
