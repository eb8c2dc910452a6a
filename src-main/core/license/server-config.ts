import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';

/**
 * Online activation is off until a license server is configured, in the environment or in
 * the settings (`licenseServer`; the environment wins):
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

const DEFAULT_TIMEOUT_MS = 8000;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig | null {
  const url = env.CODITECT_LICENSE_SERVER?.trim();
  if (!url) return null;
  // The same rules as the setting: the environment is no safer a place for a plain-http server.
  const urlProblem = serverUrlProblem(url);
  if (urlProblem) throw new Error(`CODITECT_LICENSE_SERVER: ${urlProblem}`);
  const key = env.CODITECT_LICENSE_SERVER_KEY?.trim();
  if (!key)
    throw new Error('CODITECT_LICENSE_SERVER is set but CODITECT_LICENSE_SERVER_KEY (its public key) is not');
  const serverKey = parseServerKey(key);
  if (serverKey.asymmetricKeyType !== 'ed25519')
    throw new Error('CODITECT_LICENSE_SERVER_KEY: not an Ed25519 key');
  return { accountUrl: url.replace(/\/+$/, ''), serverKey, timeoutMs: timeoutOf(env) };
}

/** The server the settings name (their `licenseServer`): checked as strictly as a setting typed in the app. */
function serverConfigFromSettings(
  s: { url: string; publicKey: string },
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const urlProblem = serverUrlProblem(s.url);
  if (urlProblem) throw new Error(`licenseServer.url: ${urlProblem}`);
  const keyProblem = serverKeyProblem(s.publicKey);
  if (keyProblem) throw new Error(`licenseServer.publicKey: ${keyProblem}`);
  return {
    accountUrl: s.url.trim().replace(/\/+$/, ''),
    serverKey: parseServerKey(s.publicKey.trim()),
    timeoutMs: timeoutOf(env),
  };
}

export type ServerSource = 'env' | 'settings';

/** Which server applies: the environment's when CODITECT_LICENSE_SERVER is set, else the settings'. */
export function serverSource(
  env: NodeJS.ProcessEnv,
  fromSettings: { url: string; publicKey: string } | undefined,
): ServerSource | null {
  if (env.CODITECT_LICENSE_SERVER?.trim()) return 'env';
  return fromSettings ? 'settings' : null;
}

export function resolveServerConfig(
  env: NodeJS.ProcessEnv,
  fromSettings: { url: string; publicKey: string } | undefined,
): ServerConfig | null {
  const source = serverSource(env, fromSettings);
  if (source === 'env') return serverConfigFromEnv(env);
  return source === 'settings' ? serverConfigFromSettings(fromSettings!, env) : null;
}

/**
 * https only, except plain http to this machine (a local or staging server): the answers are
 * signed either way, but a key sent in clear over a network is readable by anyone on it.
 */
export function serverUrlProblem(text: string): string | null {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return 'not a URL';
  }
  if (u.username || u.password) return 'must not carry a user name or password';
  if (u.protocol === 'https:') return null;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  return u.protocol === 'http:' && loopback ? null : 'must be an https:// address';
}

/** The key as text (64 hex digits or PEM): a file path is accepted from the environment only. */
export function serverKeyProblem(text: string): string | null {
  const t = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(t) && !t.startsWith('-----BEGIN PUBLIC KEY-----'))
    return 'must be the 64-hex-digit Ed25519 key or a PEM public key';
  try {
    const key = parseServerKey(t);
    return key.asymmetricKeyType === 'ed25519' ? null : 'not an Ed25519 key';
  } catch {
    return 'not a readable public key';
  }
}

function timeoutOf(env: NodeJS.ProcessEnv): number {
  const timeout = Number(env.CODITECT_LICENSE_TIMEOUT_MS);
  return Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
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
