import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the preview host: only this machine (the server listens on 127.0.0.1 and
 * checks the peer again), only with the token printed at start, only from the page it
 * served (Origin), and only under the name it printed (Host, against DNS rebinding).
 */
export interface Gate {
  port: number;
  token: string;
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1' || address === '::1';
}

export function hostMatches(req: IncomingMessage, gate: Gate): boolean {
  return req.headers.host === `127.0.0.1:${gate.port}`;
}

export function originMatches(req: IncomingMessage, gate: Gate): boolean {
  return req.headers.origin === `http://127.0.0.1:${gate.port}`;
}

export function tokenMatches(url: URL, gate: Gate): boolean {
  const given = Buffer.from(url.searchParams.get('token') ?? '', 'utf8');
  const wanted = Buffer.from(gate.token, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The request URL, parsed against our own origin; null when it cannot be parsed. */
export function requestUrl(req: IncomingMessage, gate: Gate): URL | null {
  try {
    return new URL(req.url ?? '/', `http://127.0.0.1:${gate.port}`);
  } catch {
    return null;
  }
}
