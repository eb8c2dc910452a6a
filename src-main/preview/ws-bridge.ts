import { z } from 'zod';
import { WebSocket, type RawData } from 'ws';
import type { IpcResult } from '../ipc/contract';
import { fail } from '../ipc/errors';
import type { IpcService } from '../ipc/service';
import { fieldOf } from '../ipc/validate';

/**
 * The contract over a WebSocket. Client → server: `{"id": n, "channel": "...", "request": …}`.
 * Server → client: `{"id": n, "result": IpcResult}` for replies, `{"event": "...", "payload": …}`
 * for events. A frame that is not such a request still gets a reply (id -1 when it has none).
 */
const Envelope = z.object({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  channel: z.string().max(200),
  request: z.unknown().optional(),
});

/** A client that stops reading is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export function serveSocket(ws: WebSocket, service: IpcService): void {
  ws.on('message', (data, isBinary) => void answer(ws, service, data, isBinary));
  const unsubscribe = service.events.subscribe((event, payload) => send(ws, { event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
}

async function answer(ws: WebSocket, service: IpcService, data: RawData, isBinary: boolean): Promise<void> {
  const parsed = parseEnvelope(data, isBinary);
  if ('error' in parsed) return send(ws, { id: parsed.id, result: parsed.error });
  const result = await service.dispatch(parsed.channel, parsed.request);
  send(ws, { id: parsed.id, result });
}

type Parsed = { id: number; channel: string; request: unknown } | { id: number; error: IpcResult<never> };

function parseEnvelope(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { id: -1, error: fail('validation', 'frames must be text (JSON)', 'request') };
  let value: unknown;
  try {
    value = JSON.parse(rawText(data));
  } catch {
    return { id: -1, error: fail('validation', 'a frame must be one JSON object', 'request') };
  }
  const envelope = Envelope.safeParse(value);
  if (envelope.success) return envelope.data as { id: number; channel: string; request: unknown };
  const id = isObject(value) && Number.isSafeInteger(value.id) ? (value.id as number) : -1;
  const field = fieldOf(envelope.error.issues[0]!);
  return { id, error: fail('validation', `${field}: ${envelope.error.issues[0]!.message}`, field) };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
  ws.send(JSON.stringify(message));
}
