import crypto, { type KeyObject } from 'node:crypto';
import { parseLicenseKey, signatureMatches } from './key-format';
import { NOT_A_KEY, type ClockFlag, type LicenseState } from './license-state';
import { LicensePayloadSchema, PRODUCT, type LicensePayload } from './payload';

export interface VerifyOptions {
  now?: Date;
  product?: string;
  /** The newest time ever seen on this machine (see clock-guard). */
  lastSeen?: Date;
  /** How far the clock may lag `lastSeen` before it counts as rolled back. */
  rollbackToleranceMs?: number;
}

const ROLLBACK_TOLERANCE_MS = 48 * 3600_000;

/** Offline verdict on a key: shape, signature, payload, product, then the dates. */
export function verifyLicenseKey(
  key: string,
  publicKey: string | KeyObject,
  opts: VerifyOptions = {},
): LicenseState {
  const parsed = parseLicenseKey(key);
  if (!parsed) return { state: 'malformed', reason: NOT_A_KEY };
  if (!signatureMatches(parsed, toPublicKey(publicKey))) return { state: 'bad-signature' };
  const license = parsePayload(parsed.payloadJson);
  if (typeof license === 'string') return { state: 'malformed', reason: license };
  const expected = opts.product ?? PRODUCT;
  if (license.product !== expected) return { state: 'wrong-product', license, expected };
  return dateVerdict(license, opts);
}

function parsePayload(json: string): LicensePayload | string {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return 'the signed part is not JSON';
  }
  const r = LicensePayloadSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  return `field "${issue.path.join('.')}": ${issue.message}`;
}

function dateVerdict(license: LicensePayload, opts: VerifyOptions): LicenseState {
  const { at, clock } = effectiveNow(opts);
  if (at < Date.parse(license.issued)) return { state: 'not-yet-valid', license, clock };
  if (license.expires && at >= Date.parse(license.expires)) return { state: 'expired', license, clock };
  return { state: 'valid', license, clock };
}

// A clock set back must not stretch an expiry: the newest time seen wins when the clock is
// far behind it. Small lags (time zones, NTP corrections) are tolerated.
function effectiveNow(opts: VerifyOptions): { at: number; clock: ClockFlag } {
  const now = (opts.now ?? new Date()).getTime();
  const seen = opts.lastSeen?.getTime();
  const tolerance = opts.rollbackToleranceMs ?? ROLLBACK_TOLERANCE_MS;
  if (seen === undefined || now >= seen - tolerance) return { at: now, clock: { rolledBack: false } };
  return {
    at: seen,
    clock: { rolledBack: true, newestSeen: new Date(seen).toISOString(), behindMs: seen - now },
  };
}

function toPublicKey(key: string | KeyObject): KeyObject {
  return typeof key === 'string' ? crypto.createPublicKey(key) : key;
}
