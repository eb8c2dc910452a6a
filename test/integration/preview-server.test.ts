import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isLoopback } from '../../src-main/preview/request-guard';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { serviceFor, value, WireClient } from '../unit/ipc/helpers';
import { MALFORMED } from '../unit/ipc/malformed-cases';

let ws: Workspace;
let server: PreviewServer;
let rendererDir: string;
let origin: string;

beforeAll(async () => {
  ws = makeWorkspace();
  rendererDir = path.join(ws.base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>CODITECT</title><script type="module" src="./assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(ws.base, 'secret.txt'), 'do not serve me');
  fs.symlinkSync(path.join(ws.base, 'secret.txt'), path.join(rendererDir, 'assets', 'leak.txt'));
  server = await startPreviewServer({ rendererDir, service: serviceFor(ws) });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await server.service.close();
  rmWorkspace(ws);
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, so the Host header and odd paths go out exactly as written. */
function get(pathAndQuery: string, opts: { host?: string; method?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathAndQuery,
        method: opts.method ?? 'GET',
        headers: { host: opts.host ?? `127.0.0.1:${server.port}` },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const sock = new WebSocket(url, { headers });
    sock.once('open', () => {
      sock.close();
      resolve(101);
    });
    sock.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    sock.once('error', () => resolve(-1));
  });
}

describe('the preview host: HTTP', () => {
  it('prints a loopback URL with a long random token and listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(server.wsUrl).toBe(`ws://127.0.0.1:${server.port}/ipc?token=${server.token}`);
  });

  it('serves index.html only with the right token, with the CSP and no-referrer headers', async () => {
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>CODITECT</title>');
    expect(page.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${server.port}`,
    );
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(`/index.html?token=${server.token}`)).status).toBe(200);
    for (const p of [
      '/',
      '/?token=',
      '/?token=wrong',
      `/?token=${server.token}x`,
      '/index.html',
      '/assets/../index.html',
    ]) {
      expect((await get(p)).status, p).toBe(403);
    }
  });

  it('serves static assets without the token, and nothing outside the renderer folder', async () => {
    const asset = await get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/leak.txt',
      '/assets/app.js%00.txt',
      '/%E0%A4%A',
      '/missing.js',
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('do not serve me');
    }
  });

  it('refuses other Host names (DNS rebinding) and other methods', async () => {
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { host: `localhost:${server.port}` })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { method: 'POST' })).status).toBe(405);
  });

  it('is not reachable on any other address of this machine', async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    // 127.0.0.2 is loopback too, but not the address bound: proves the bind is exactly 127.0.0.1.
    for (const address of ['127.0.0.2', ...others]) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: server.port });
        s.once('connect', () => {
          s.destroy();
          resolve(false);
        });
        s.once('error', () => resolve(true));
      });
      expect(refused, address).toBe(true);
    }
  });
});

describe('the preview host: peers', () => {
  it('counts only loopback peers as local', () => {
    expect(['127.0.0.1', '::ffff:127.0.0.1', '::1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', '', undefined].some(isLoopback)).toBe(false);
  });
});

describe('the preview host: the IPC WebSocket', () => {
  it('refuses a wrong or missing token, a wrong or missing Origin, and other paths', async () => {
    const base = `ws://127.0.0.1:${server.port}`;
    expect(await upgradeStatus(`${base}/ipc?token=wrong`, { Origin: origin })).toBe(403);
    expect(await upgradeStatus(`${base}/ipc`, { Origin: origin })).toBe(403);
    expect(await upgradeStatus(server.wsUrl, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(server.wsUrl, { Origin: `http://localhost:${server.port}` })).toBe(403);
    expect(await upgradeStatus(server.wsUrl)).toBe(403);
    expect(await upgradeStatus(`${base}/other?token=${server.token}`, { Origin: origin })).toBe(403);
    expect(await upgradeStatus(server.wsUrl, { Origin: origin })).toBe(101);
  });

  it('answers requests with the same handlers: values, validation errors naming the field, forbidden paths', async () => {
    const client = await WireClient.connect(server.wsUrl, origin);
    expect(value(await client.call('app:info'))).toMatchObject({ host: 'preview', projectsRoot: ws.root });
    for (const [channel, request, field] of MALFORMED) {
      expect(await client.call(channel, request), `${channel} ${field}`).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
    expect(await client.call('fs:reveal', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
    expect(await client.call('fs:reveal', { path: `${ws.root}/../..` })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
    expect(await client.call('no:such', {})).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'channel' },
    });
    client.close();
  });

  it('answers malformed frames and stays up', async () => {
    const client = await WireClient.connect(server.wsUrl, origin);
    expect(await client.raw('not json')).toMatchObject({
      id: -1,
      result: { ok: false, error: { code: 'validation' } },
    });
    expect(await client.raw(Buffer.from([1, 2, 3]))).toMatchObject({
      id: -1,
      result: { ok: false, error: { code: 'validation' } },
    });
    expect(await client.raw(JSON.stringify({ id: 7 }))).toMatchObject({
      id: 7,
      result: { ok: false, error: { field: 'channel' } },
    });
    expect(await client.raw(JSON.stringify({ id: 'x', channel: 'app:info' }))).toMatchObject({
      id: -1,
      result: { ok: false, error: { field: 'id' } },
    });
    expect(await client.raw(JSON.stringify([1, 2]))).toMatchObject({ id: -1, result: { ok: false } });
    expect(await client.raw(JSON.stringify({ id: 8, channel: 'x'.repeat(300) }))).toMatchObject({
      id: 8,
      result: { ok: false, error: { field: 'channel' } },
    });
    // A frame above the size limit closes that connection only.
    const closed = new Promise<number>((r) => client.ws.once('close', (code) => r(code)));
    client.ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const again = await WireClient.connect(server.wsUrl, origin);
    expect(value(await again.call('pipeline:status'))).toMatchObject({ running: false });
    again.close();
  });
});
