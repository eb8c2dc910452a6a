import { WebSocket } from 'ws';
import type { Channel, EventName, IpcResult, ResponseOf } from '../../../src-main/ipc/contract';
import { createIpcService, type IpcService, type ServiceOptions } from '../../../src-main/ipc/service';
import type { Workspace } from '../../helpers/workspace';

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A service over a test workspace (HOME and settings inside it). */
export function serviceFor(ws: Workspace, opts: Partial<ServiceOptions> = {}): IpcService {
  return createIpcService({
    host: 'preview',
    version: '0.0.0-test',
    env: ws.env,
    cwd: ws.home,
    tmpdir: ws.base,
    settleMs: 0,
    lockWaitMs: 0,
    watch: false,
    ...opts,
  });
}

export interface ReceivedEvent {
  event: EventName;
  payload: unknown;
  at: number;
}

/** A typed call through the hosts' entry point (dispatch validates the request as it comes). */
export function call<C extends Channel>(
  service: IpcService,
  channel: C,
  request?: unknown,
): Promise<IpcResult<ResponseOf<C>>> {
  return service.dispatch(channel, request) as Promise<IpcResult<ResponseOf<C>>>;
}

/** Records a service's events, for assertions. */
export function recordEvents(service: IpcService): ReceivedEvent[] {
  const seen: ReceivedEvent[] = [];
  service.events.subscribe((event, payload) => seen.push({ event, payload, at: Date.now() }));
  return seen;
}

/** A client of the preview's wire protocol, as the renderer implements it. */
export class WireClient {
  readonly events: ReceivedEvent[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (r: IpcResult<unknown>) => void>();
  readonly replies: { id: number; result: IpcResult<unknown> }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as {
        id?: number;
        result?: IpcResult<unknown>;
        event?: EventName;
        payload?: unknown;
      };
      if (msg.event) this.events.push({ event: msg.event, payload: msg.payload, at: Date.now() });
      else {
        this.replies.push({ id: msg.id!, result: msg.result! });
        this.waiting.get(msg.id!)?.(msg.result!);
        this.waiting.delete(msg.id!);
      }
    });
  }

  static connect(url: string, origin: string): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin });
      ws.once('open', () => resolve(new WireClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  call<T = unknown>(channel: string, request?: unknown): Promise<IpcResult<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (r: IpcResult<unknown>) => void);
      this.ws.send(JSON.stringify({ id, channel, request }));
    });
  }

  /** Sends a raw frame and waits for the next reply (for malformed frames without an id). */
  async raw(frame: string | Buffer): Promise<{ id: number; result: IpcResult<unknown> }> {
    const before = this.replies.length;
    this.ws.send(frame);
    return waitFor(() => this.replies[before], 5000, 'a reply to a raw frame');
  }

  close(): void {
    this.ws.close();
  }
}

export function value<T>(r: IpcResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}
