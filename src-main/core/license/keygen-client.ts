import { activationMismatch, newNonce, validationMismatch } from './answer-binding';
import { verifyResponseSignature } from './response-signature';
import type { ServerConfig } from './server-config';

/**
 * The three Keygen calls the app makes. Every answer is accepted only with a valid
 * `Keygen-Signature`; anything else (no answer, a timeout, a 5xx, an unsigned or altered
 * body) comes back as `unreachable` or `rejected`, and the caller keeps its offline verdict.
 */
export type ServerAnswer<T> =
  | { kind: 'answer'; status: number; value: T }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'rejected'; reason: string };

export interface Validation {
  valid: boolean;
  code: string;
  detail: string;
}

export interface Activation {
  machineId?: string;
  /** Keygen error code when the server refused, e.g. MACHINE_LIMIT_EXCEEDED. */
  refused?: string;
  detail?: string;
}

/** validate-key for `licenseId`'s key, scoped to this machine; the answer must be bound to the request. */
export async function validateKey(
  cfg: ServerConfig,
  key: string,
  fingerprint: string,
  licenseId: string,
): Promise<ServerAnswer<Validation>> {
  const asked = { nonce: newNonce(), fingerprint, licenseId, key };
  const body = { meta: { key, nonce: asked.nonce, scope: { fingerprint } } };
  const r = await call(cfg, 'POST', '/licenses/actions/validate-key', body);
  if (r.kind !== 'answer') return r;
  const mismatch = validationMismatch(r.value, asked);
  if (mismatch) return { kind: 'rejected', reason: `the answer is not for this request: ${mismatch}` };
  const meta = (r.value as { meta?: { valid?: unknown; code?: unknown; detail?: unknown } }).meta;
  if (!meta || typeof meta.valid !== 'boolean' || typeof meta.code !== 'string')
    return { kind: 'rejected', reason: 'the validation answer has no meta.valid / meta.code' };
  return { ...r, value: { valid: meta.valid, code: meta.code, detail: String(meta.detail ?? '') } };
}

export async function activateMachine(
  cfg: ServerConfig,
  key: string,
  licenseId: string,
  fingerprint: string,
  name: string,
): Promise<ServerAnswer<Activation>> {
  const body = {
    data: {
      type: 'machines',
      attributes: { fingerprint, name, platform: process.platform },
      relationships: { license: { data: { type: 'licenses', id: licenseId } } },
    },
  };
  const r = await call(cfg, 'POST', '/machines', body, key);
  if (r.kind !== 'answer') return r;
  const value = activationOf(r.status, r.value);
  const mismatch = value.machineId ? activationMismatch(r.value, { fingerprint, licenseId }) : null;
  if (mismatch) return { kind: 'rejected', reason: `the answer is not for this request: ${mismatch}` };
  return { ...r, value };
}

export async function deactivateMachine(
  cfg: ServerConfig,
  key: string,
  machineId: string,
): Promise<ServerAnswer<null>> {
  const r = await call(cfg, 'DELETE', `/machines/${encodeURIComponent(machineId)}`, undefined, key);
  if (r.kind !== 'answer') return r;
  if (r.status >= 400 && r.status !== 404)
    return { kind: 'rejected', reason: `the server answered ${r.status}` };
  return { ...r, value: null };
}

function activationOf(status: number, doc: unknown): Activation {
  const d = doc as { data?: { id?: unknown }; errors?: { code?: string; detail?: string }[] };
  if (status < 300 && typeof d.data?.id === 'string') return { machineId: d.data.id };
  const err = d.errors?.[0];
  return { refused: err?.code ?? `HTTP_${status}`, detail: err?.detail };
}

async function call(
  cfg: ServerConfig,
  method: string,
  subPath: string,
  body: unknown,
  licenseKey?: string,
): Promise<ServerAnswer<unknown>> {
  const url = new URL(cfg.accountUrl + subPath);
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method,
      headers: requestHeaders(body !== undefined, licenseKey),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    return { kind: 'unreachable', reason: networkReason(err, cfg.timeoutMs) };
  }
  if (res.status >= 500)
    return { kind: 'unreachable', reason: `the license server failed (HTTP ${res.status})` };
  const check = verifyResponseSignature(
    {
      method,
      target: url.pathname + url.search,
      host: url.host,
      headers: headerRecord(res.headers),
      body: text,
    },
    cfg.serverKey,
  );
  if (!check.ok) return { kind: 'rejected', reason: check.reason };
  return parseJson(res.status, text);
}

function requestHeaders(hasBody: boolean, licenseKey?: string): Record<string, string> {
  return {
    Accept: 'application/vnd.api+json',
    ...(hasBody ? { 'Content-Type': 'application/vnd.api+json' } : {}),
    ...(licenseKey ? { Authorization: `License ${licenseKey}` } : {}),
  };
}

function parseJson(status: number, text: string): ServerAnswer<unknown> {
  if (!text) return { kind: 'answer', status, value: {} };
  try {
    return { kind: 'answer', status, value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'rejected', reason: 'the signed answer is not JSON' };
  }
}

function headerRecord(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k.toLowerCase()] = v));
  return out;
}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string }; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  return `could not reach the license server (${e.cause?.code ?? e.message ?? 'network error'})`;
}
