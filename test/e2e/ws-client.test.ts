/**
 * The preview's WebSocket client (src-renderer/bridge/ws-client.ts) against a bare server speaking
 * the wire protocol: replies matched by id, events fanned out, a dropped socket failing the
 * calls in flight with `unavailable` and reconnecting by itself.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createWsApi, type WsApi } from '../../src-renderer/bridge/ws-client';

let wss: WebSocketServer | null = null;
let api: WsApi | null = null;

afterEach(async () => {
  api?.close();
  api = null;
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise<void>((r) => (wss ? wss.close(() => r()) : r()));
  wss = null;
});

async function serve(
  onMessage: (ws: WebSocket, msg: { id: number; channel: string; request: unknown }) => void,
): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss = server;
  await new Promise<void>((r) => server.once('listening', () => r()));
  server.on('connection', (ws) => ws.on('message', (d) => onMessage(ws, JSON.parse(String(d)))));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ipc?token=t`;
}

const Impl = WebSocket as unknown as typeof globalThis.WebSocket;

describe('the preview WebSocket client', () => {
  it('answers calls by id and delivers events', async () => {
    const url = await serve((ws, m) => {
      if (m.channel === 'app:info') {
        ws.send(JSON.stringify({ event: 'log:lines', payload: { lines: [] } }));
        ws.send(JSON.stringify({ id: m.id, result: { ok: true, value: { version: '9' } } }));
      } else
        ws.send(
          JSON.stringify({ id: m.id, result: { ok: false, error: { code: 'not-found', message: 'no' } } }),
        );
    });
    api = createWsApi(url, 'preview', { WebSocketImpl: Impl });
    const events: unknown[] = [];
    api.on('log:lines', (p) => events.push(p));
    const [a, b] = await Promise.all([api.invoke('app:info'), api.invoke('checkpoints:get', { id: 'x' })]);
    expect(a).toEqual({ ok: true, value: { version: '9' } });
    expect(b).toEqual({ ok: false, error: { code: 'not-found', message: 'no' } });
    expect(events).toEqual([{ lines: [] }]);
  });

  it('fails calls in flight with unavailable when the socket drops, then reconnects', async () => {
    let connections = 0;
    const url = await serve((ws, m) => {
      if (m.channel === 'pipeline:status') ws.terminate();
      else ws.send(JSON.stringify({ id: m.id, result: { ok: true, value: 'pong' } }));
    });
    wss!.on('connection', () => connections++);
    api = createWsApi(url, 'preview', { WebSocketImpl: Impl, retryMs: 20 });
    const states: string[] = [];
    api.onState((s, reconnected) => states.push(`${s}${reconnected ? '+' : ''}`));
    expect(await api.invoke('app:info')).toEqual({ ok: true, value: 'pong' });
    const dropped = await api.invoke('pipeline:status');
    expect(dropped.ok).toBe(false);
    if (!dropped.ok) expect(dropped.error.code).toBe('unavailable');
    // The next call waits for the reconnect and goes through.
    expect(await api.invoke('app:info')).toEqual({ ok: true, value: 'pong' });
    expect(connections).toBe(2);
    expect(states).toContain('closed');
    expect(states).toContain('open+');
  });

  it('fails a call with unavailable when the host cannot be reached', async () => {
    api = createWsApi('ws://127.0.0.1:9/ipc?token=t', 'preview', {
      WebSocketImpl: Impl,
      connectWaitMs: 200,
      retryMs: 50,
    });
    const r = await api.invoke('app:info');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unavailable');
  });
});
