/**
 * `CoditectApi` over the preview host's WebSocket, for the renderer running in a plain browser.
 *
 * Wire protocol (the preview host implements the other end):
 *   page:    http://127.0.0.1:PORT/?token=T
 *   socket:  ws://<host>/ipc?token=T
 *   send:    {"id": n, "channel": "name", "request": value}
 *   receive: {"id": n, "result": IpcResult}  or  {"event": "name", "payload": value}
 *
 * The socket reconnects after a drop (with back-off). Calls in flight when it drops fail with
 * `{ ok: false, error: { code: 'unavailable' } }`; calls made while it is down wait a little for
 * the reconnect and then fail the same way. Nothing here throws at the caller.
 */
import type { Channel, CoditectApi, EventName, EventOf, IpcResult, RequestOf, ResponseOf } from './types';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsApi extends CoditectApi {
  /** The socket's state, and a way to follow it (the shell shows a banner while it is down). */
  readonly state: () => ConnectionState;
  onState(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
  close(): void;
}

export interface WsApiOptions {
  /** How long a call made while the socket is down waits for it to come back. */
  connectWaitMs?: number;
  /** Back-off between reconnect attempts: starts here, doubles, capped at maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Injected in tests. */
  WebSocketImpl?: typeof WebSocket;
}

interface Pending {
  resolve: (r: IpcResult<unknown>) => void;
}

const unavailable = (message: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'unavailable', message },
});

export function createWsApi(url: string, version = 'preview', opts: WsApiOptions = {}): WsApi {
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const connectWaitMs = opts.connectWaitMs ?? 4000;
  const baseRetry = opts.retryMs ?? 250;
  const maxRetry = opts.maxRetryMs ?? 5000;

  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let closedByUs = false;
  let retry = baseRetry;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const waiting: Array<{ send: () => void; fail: () => void; timer: ReturnType<typeof setTimeout> }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState, reconnected: boolean) => void>();

  const setState = (s: ConnectionState, reconnected = false) => {
    state = s;
    for (const l of stateListeners) l(s, reconnected);
  };

  const onMessage = (ev: MessageEvent) => {
    let msg: unknown;
    try {
      msg = JSON.parse(typeof ev.data === 'string' ? ev.data : '');
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.id === 'number') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      const r = m.result as IpcResult<unknown> | undefined;
      if (r && typeof r === 'object' && typeof r.ok === 'boolean') p.resolve(r);
      else p.resolve({ ok: false, error: { code: 'internal', message: 'malformed reply from the host' } });
    } else if (typeof m.event === 'string') {
      const set = listeners.get(m.event);
      if (!set) return;
      for (const l of [...set]) {
        try {
          l(m.payload);
        } catch (err) {
          console.error(`listener for ${m.event} failed`, err);
        }
      }
    }
  };

  const connect = () => {
    if (closedByUs) return;
    setState('connecting');
    let ws: WebSocket;
    try {
      ws = new Impl(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      retry = baseRetry;
      const reconnected = everOpened;
      everOpened = true;
      setState('open', reconnected);
      for (const w of waiting.splice(0)) {
        clearTimeout(w.timer);
        w.send();
      }
    };
    ws.onmessage = onMessage;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.resolve(unavailable('the connection to the app was lost'));
      }
      setState('closed');
      scheduleReconnect();
    };
    ws.onerror = () => {
      // onclose follows and does the work.
    };
  };

  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleReconnect = () => {
    if (closedByUs || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, retry);
    retry = Math.min(retry * 2, maxRetry);
  };

  const api: WsApi = {
    version,
    invoke<C extends Channel>(channel: C, request?: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
      return new Promise((resolve) => {
        const send = () => {
          const ws = socket;
          if (!ws || ws.readyState !== 1) {
            resolve(unavailable('not connected to the app'));
            return;
          }
          const id = nextId++;
          pending.set(id, { resolve: resolve as (r: IpcResult<unknown>) => void });
          try {
            ws.send(JSON.stringify({ id, channel, request }));
          } catch (err) {
            pending.delete(id);
            resolve(unavailable(`could not send: ${(err as Error).message}`));
          }
        };
        if (socket && socket.readyState === 1) send();
        else if (closedByUs) resolve(unavailable('the connection is closed'));
        else {
          const entry = {
            send,
            fail: () => resolve(unavailable('not connected to the app')),
            timer: setTimeout(() => {
              const i = waiting.indexOf(entry);
              if (i >= 0) waiting.splice(i, 1);
              entry.fail();
            }, connectWaitMs),
          };
          waiting.push(entry);
        }
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    close() {
      closedByUs = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const w of waiting.splice(0)) {
        clearTimeout(w.timer);
        w.fail();
      }
      socket?.close();
    },
  };

  connect();
  return api;
}
