/**
 * The one way the renderer reaches the app: `getApi()`. In Electron the preload provides
 * `window.coditect`; in the browser preview a WebSocket client speaks the same contract to the
 * preview host. `call()` wraps `invoke` so that even a thrown error comes back as a value.
 */
import { createWsApi, type ConnectionState, type WsApi } from './ws-client';
import type { Channel, CoditectApi, IpcResult, RequestOf, ResponseOf } from './types';

export type { ConnectionState } from './ws-client';

let api: CoditectApi | null = null;
let ws: WsApi | null = null;

/** The token the preview host put in the page URL (`?token=…`). */
function previewToken(loc: Location = location): string {
  return new URLSearchParams(loc.search).get('token') ?? '';
}

function previewSocketUrl(loc: Location = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ipc?token=${encodeURIComponent(previewToken(loc))}`;
}

export function getApi(): CoditectApi {
  if (api) return api;
  if (window.coditect && typeof window.coditect.invoke === 'function') {
    api = window.coditect;
  } else {
    ws = createWsApi(previewSocketUrl());
    api = ws;
  }
  return api;
}

/** Whether the renderer runs in the desktop app or in the browser preview. */
export function hostKind(): 'desktop' | 'browser' {
  return window.coditect && typeof window.coditect.invoke === 'function' ? 'desktop' : 'browser';
}

/** Follow the connection (always 'open' in the desktop app). */
export function onConnection(listener: (s: ConnectionState, reconnected: boolean) => void): () => void {
  getApi();
  if (!ws) {
    listener('open', false);
    return () => {};
  }
  listener(ws.state(), false);
  return ws.onState(listener);
}

/** `invoke`, with a thrown error (a broken bridge, a bug) turned into an `internal` error value. */
export async function call<C extends Channel>(
  channel: C,
  request?: RequestOf<C>,
): Promise<IpcResult<ResponseOf<C>>> {
  try {
    const r = await getApi().invoke(channel, request);
    if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean')
      return { ok: false, error: { code: 'internal', message: `malformed reply on ${channel}` } };
    return r;
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: (err as Error)?.message ?? String(err) } };
  }
}
