import crypto, { type KeyObject } from 'node:crypto';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import type { LicensePayload } from './payload';

/** Keygen's ED25519_SIGN scheme: `key/<b64url JSON>.<b64url signature over "key/<b64url JSON>">`. */
const KEY_PREFIX = 'key/';
const SIGNATURE_BYTES = 64;

export interface ParsedKey {
  signedText: string;
  payloadJson: string;
  signature: Buffer;
}

export function signLicenseKey(payload: LicensePayload, privateKey: KeyObject): string {
  const signedText = KEY_PREFIX + encodeBase64Url(JSON.stringify(payload));
  const signature = crypto.sign(null, Buffer.from(signedText), privateKey);
  return `${signedText}.${encodeBase64Url(signature)}`;
}

/** Splits a key into its parts; null when it is not in the scheme's shape at all. */
export function parseLicenseKey(key: string): ParsedKey | null {
  const text = key.trim();
  if (!text.startsWith(KEY_PREFIX)) return null;
  const parts = text.split('.');
  if (parts.length !== 2) return null;
  const [signedText, sigText] = parts as [string, string];
  const payloadBytes = decodeBase64Url(signedText.slice(KEY_PREFIX.length));
  const signature = decodeBase64Url(sigText);
  if (!payloadBytes || !payloadBytes.length || !signature || signature.length !== SIGNATURE_BYTES)
    return null;
  return { signedText, payloadJson: payloadBytes.toString('utf8'), signature };
}

/** Ed25519 only: any other key type (RSA, EC) is refused whatever its signature says. */
export function signatureMatches(parsed: ParsedKey, publicKey: KeyObject): boolean {
  if (publicKey.asymmetricKeyType !== 'ed25519') return false;
  try {
    return crypto.verify(null, Buffer.from(parsed.signedText), publicKey, parsed.signature);
  } catch {
    return false;
  }
}
