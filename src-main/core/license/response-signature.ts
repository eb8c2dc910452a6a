import crypto, { type KeyObject } from 'node:crypto';

/**
 * Keygen signs every API response (HTTP Signatures, draft-cavage style): the header
 * `Keygen-Signature: keyid="…", algorithm="ed25519", signature="<base64>",
 * headers="(request-target) host date digest"` covers the lines
 * `(request-target): <method> <path>`, `host: …`, `date: …`, `digest: sha-256=<base64>`,
 * joined by "\n". Checking it means a proxy or a fake server cannot forge a verdict.
 */
const REQUIRED_SIGNED = ['(request-target)', 'host', 'date', 'digest'] as const;

/** Responses older than this are refused: a recorded "valid" must not be replayed forever. */
const MAX_RESPONSE_AGE_MS = 5 * 60_000;

export interface SignedResponse {
  method: string;
  /** Path and query of the request, as sent. */
  target: string;
  host: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

function parseSignatureHeader(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of value.matchAll(/([a-zA-Z]+)="([^"]*)"/g)) out[m[1]!.toLowerCase()] = m[2]!;
  return out;
}

function bodyDigest(body: string): string {
  return `sha-256=${crypto.createHash('sha256').update(body).digest('base64')}`;
}

function signingString(r: SignedResponse, names: readonly string[]): string {
  return names
    .map((n) =>
      n === '(request-target)'
        ? `(request-target): ${r.method.toLowerCase()} ${r.target}`
        : `${n}: ${n === 'host' ? r.host : (r.headers[n] ?? '')}`,
    )
    .join('\n');
}

export function verifyResponseSignature(
  r: SignedResponse,
  serverKey: KeyObject,
  now = new Date(),
): SignatureCheck {
  const header = r.headers['keygen-signature'];
  if (!header) return { ok: false, reason: 'the response is not signed' };
  const p = parseSignatureHeader(header);
  if (p.algorithm !== 'ed25519')
    return { ok: false, reason: `unexpected signature algorithm ${p.algorithm ?? '(none)'}` };
  const names = (p.headers ?? '').split(' ').filter(Boolean);
  if (!REQUIRED_SIGNED.every((n) => names.includes(n)))
    return { ok: false, reason: 'the signature does not cover target, host, date and digest' };
  if (r.headers.digest !== bodyDigest(r.body))
    return { ok: false, reason: 'the body does not match its digest' };
  const sig = Buffer.from(p.signature ?? '', 'base64');
  if (!safeVerify(signingString(r, names), sig, serverKey))
    return { ok: false, reason: 'the signature does not match (altered response or wrong server key)' };
  return freshness(r.headers.date, now);
}

function safeVerify(text: string, sig: Buffer, key: KeyObject): boolean {
  try {
    return sig.length === 64 && crypto.verify(null, Buffer.from(text), key, sig);
  } catch {
    return false;
  }
}

function freshness(date: string | undefined, now: Date): SignatureCheck {
  const at = Date.parse(date ?? '');
  if (Number.isNaN(at)) return { ok: false, reason: 'the response has no valid date' };
  if (Math.abs(now.getTime() - at) > MAX_RESPONSE_AGE_MS)
    return { ok: false, reason: 'the response date is too far from now (replayed or clock wrong)' };
  return { ok: true };
}
