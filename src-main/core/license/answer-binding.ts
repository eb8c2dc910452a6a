import crypto from 'node:crypto';

/**
 * What a validate-key request asked. The server's signature proves who answered, not what
 * question was answered: a signed VALID for license A, recorded and played back within the
 * signature's date window, would otherwise pass for license K. So the answer must carry back,
 * inside the signed body, the request's nonce, this machine's fingerprint, and the license
 * (its id and its key) — as Keygen's validate-key does (`meta.nonce`, `meta.scope`, `data`).
 */
export interface ValidationRequest {
  nonce: number;
  fingerprint: string;
  /** The license id the key carries (its signed payload). */
  licenseId: string;
  key: string;
}

/** A fresh nonce per request: Keygen takes an integer, echoed in the signed `meta.nonce`. */
export function newNonce(): number {
  return crypto.randomInt(1, 2 ** 47);
}

interface ValidationDoc {
  meta?: { valid?: unknown; nonce?: unknown; scope?: { fingerprint?: unknown } };
  data?: { id?: unknown; attributes?: { key?: unknown } } | null;
}

/** Why the signed answer is not the answer to `asked`, in words; null when it is. */
export function validationMismatch(doc: unknown, asked: ValidationRequest): string | null {
  const d = (doc ?? {}) as ValidationDoc;
  if (d.meta?.nonce !== asked.nonce) return 'its nonce differs';
  if (d.meta.scope?.fingerprint !== asked.fingerprint) return 'it is for another machine';
  // A "not found" answer names no license; any answer that does must name this one.
  if (!d.data) return d.meta.valid === true ? 'it names no license' : null;
  if (d.data.id !== asked.licenseId) return 'it is for another license';
  if (!sameKey(d.data.attributes?.key, asked.key)) return 'it is for another key';
  return null;
}

/** Compared as SHA-256 fingerprints: equal length, constant time. */
function sameKey(answered: unknown, key: string): boolean {
  if (typeof answered !== 'string') return false;
  const digest = (k: string) => crypto.createHash('sha256').update(k.trim()).digest();
  return crypto.timingSafeEqual(digest(answered), digest(key));
}

interface MachineDoc {
  data?: {
    attributes?: { fingerprint?: unknown };
    relationships?: { license?: { data?: { id?: unknown } } };
  };
}

/** A created machine must be this machine, on this license (Keygen names both in the answer). */
export function activationMismatch(
  doc: unknown,
  asked: { fingerprint: string; licenseId: string },
): string | null {
  const d = ((doc ?? {}) as MachineDoc).data;
  if (d?.attributes?.fingerprint !== asked.fingerprint) return 'the machine it created is another machine';
  if (d.relationships?.license?.data?.id !== asked.licenseId)
    return 'the machine it created is on another license';
  return null;
}
