import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';

/**
 * Online activation is off until a license server is configured:
 * `CODITECT_LICENSE_SERVER` = the account's API base (`https://host/v1/accounts/<account>`),
 * `CODITECT_LICENSE_SERVER_KEY` = the server's Ed25519 public key (PEM text, a PEM file, or
 * the 64-hex-digit key Keygen shows in its dashboard). Without the key, responses could not
 * be checked, so the server is not used at all.
 */
export interface ServerConfig {
  accountUrl: string;
  serverKey: KeyObject;
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 8000;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig | null {
  const url = env.CODITECT_LICENSE_SERVER?.trim();
  if (!url) return null;
  const key = env.CODITECT_LICENSE_SERVER_KEY?.trim();
  if (!key)
    throw new Error('CODITECT_LICENSE_SERVER is set but CODITECT_LICENSE_SERVER_KEY (its public key) is not');
  const timeout = Number(env.CODITECT_LICENSE_TIMEOUT_MS);
  return {
    accountUrl: url.replace(/\/+$/, ''),
    serverKey: parseServerKey(key),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  };
}

export function parseServerKey(text: string): KeyObject {
  if (/^[0-9a-f]{64}$/i.test(text))
    return crypto.createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(text, 'hex')]),
      format: 'der',
      type: 'spki',
    });
  const pem = text.startsWith('-----BEGIN') ? text : fs.readFileSync(text, 'utf8');
  return crypto.createPublicKey(pem);
}
