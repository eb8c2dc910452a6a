import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../ipc/csp';
import { disabledUpdateController } from '../core/update/controller';
import { createIpcService, type IpcService, type ServiceOptions } from '../ipc/service';
import { hostMatches, isLoopback, originMatches, requestUrl, tokenMatches, type Gate } from './request-guard';
import { contentType, resolveStatic } from './static-files';
import { serveSocket } from './ws-bridge';
import { APP_VERSION } from '../core/version';

export interface PreviewOptions {
  /** 0 (default): a random free port. */
  port?: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  /** Use this service; otherwise one is created from the options below (and closed with the server). */
  service?: IpcService;
  root?: string;
  memory?: string;
  env?: NodeJS.ProcessEnv;
  /** The version app:info reports; package.json's by default. */
  version?: string;
  serviceOptions?: Partial<ServiceOptions>;
}

export interface PreviewServer {
  /** The page to open: `http://127.0.0.1:PORT/?token=T`. */
  url: string;
  /** The IPC socket: `ws://127.0.0.1:PORT/ipc?token=T`. */
  wsUrl: string;
  port: number;
  token: string;
  service: IpcService;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

/**
 * The browser preview host: serves the built renderer and carries the IPC contract over a
 * WebSocket to the same handlers Electron uses. Loopback only, a random token in the URL,
 * the Origin and Host checked on every request.
 */
export async function startPreviewServer(opts: PreviewOptions): Promise<PreviewServer> {
  const service = opts.service ?? createIpcService(serviceOptionsOf(opts));
  const gate: Gate = { port: 0, token: randomBytes(24).toString('base64url') };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('connection', (ws) => serveSocket(ws, service));
  const server = http.createServer((req, res) => serveHttp(req, res, gate, opts.rendererDir));
  server.on('upgrade', (req, socket, head) => upgrade(req, socket, head, gate, wss));
  await listen(server, opts.port ?? 0);
  gate.port = (server.address() as AddressInfo).port;
  const base = `${HOST}:${gate.port}`;
  return {
    url: `http://${base}/?token=${gate.token}`,
    wsUrl: `ws://${base}/ipc?token=${gate.token}`,
    port: gate.port,
    token: gate.token,
    service,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!opts.service) await service.close();
    },
  };
}

function serviceOptionsOf(opts: PreviewOptions): ServiceOptions {
  const version = opts.version ?? APP_VERSION;
  return {
    host: 'preview',
    version,
    flags: { root: opts.root, memory: opts.memory },
    env: opts.env,
    // The browser preview never updates itself: it says the installed app manages updates.
    updates: disabledUpdateController('preview', version),
    ...opts.serviceOptions,
  };
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function serveHttp(req: IncomingMessage, res: ServerResponse, gate: Gate, rendererDir: string): void {
  const url = requestUrl(req, gate);
  if (!isLoopback(req.socket.remoteAddress) || !hostMatches(req, gate) || !url)
    return refuse(res, 403, 'Forbidden');
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
  const isIndex = url.pathname === '/' || url.pathname === '/index.html';
  if (isIndex && !tokenMatches(url, gate))
    return refuse(res, 403, 'Open the address the preview printed (it carries the token).');
  const file = resolveStatic(rendererDir, isIndex ? '/index.html' : url.pathname);
  // index.html is the page that receives the token: only ever served with it.
  if (!file || (!isIndex && path.basename(file) === 'index.html')) return refuse(res, 404, 'Not found');
  res.writeHead(200, {
    ...securityHeaders(gate),
    'Content-Type': contentType(file),
    'Cache-Control': isIndex ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function securityHeaders(gate: Gate): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ connect: [`ws://${HOST}:${gate.port}`] }),
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token: never send it anywhere as a referrer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${text}\n`);
}

function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, gate: Gate, wss: WebSocketServer): void {
  socket.on('error', () => socket.destroy());
  const url = requestUrl(req, gate);
  const allowed =
    url !== null &&
    url.pathname === '/ipc' &&
    isLoopback(req.socket.remoteAddress) &&
    hostMatches(req, gate) &&
    originMatches(req, gate) &&
    tokenMatches(url, gate);
  if (!allowed) {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
}
