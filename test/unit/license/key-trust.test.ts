import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../../src-main/core/license/base64url';
import { licenseContextFromEnv } from '../../../src-main/core/license/license-context';
import { PRODUCT } from '../../../src-main/core/license/payload';
import { findPublicKeyFile, loadPublicKeyPem } from '../../../src-main/core/license/public-key';
import { serverConfigFromEnv } from '../../../src-main/core/license/server-config';
import { verifyLicenseKey } from '../../../src-main/core/license/verify-key';
import { testPair } from './keys';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-key-trust-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pemFile(name: string, pem: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pem);
  return file;
}

const payload = {
  id: 'lic-rsa',
  product: PRODUCT,
  org: 'Mallory',
  seats: 1000,
  tier: 'enterprise',
  entitlements: [],
  issued: '2026-01-01T00:00:00.000Z',
  maxMachines: 1000,
};

/** A 512-bit RSA signature is 64 bytes: the same length as Ed25519's, so the key's shape passes. */
function rsaSignedKey() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 512 });
  const signedText = `key/${encodeBase64Url(JSON.stringify(payload))}`;
  const sig = crypto.sign('sha256', Buffer.from(signedText), privateKey);
  return {
    key: `${signedText}.${encodeBase64Url(sig)}`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sigBytes: sig.length,
  };
}

describe('license keys are verified with Ed25519 only', () => {
  it('an RSA key and an RSA signature of the right length are not a CODITECT signature', () => {
    const rsa = rsaSignedKey();
    expect(rsa.sigBytes).toBe(64);
    const s = verifyLicenseKey(rsa.key, rsa.publicKeyPem, { now: new Date('2026-06-01T00:00:00Z') });
    expect(s.state).toBe('bad-signature');
  });

  it('a public key file that is not Ed25519 is refused by name', () => {
    const file = pemFile('rsa.pem', rsaSignedKey().publicKeyPem);
    expect(() => loadPublicKeyPem(file)).toThrow(`the license public key ${file} is not an Ed25519 key`);
    expect(() => loadPublicKeyPem(pemFile('junk.pem', 'not a key\n'))).toThrow(/not a readable PEM/);
  });
});

describe('CODITECT_LICENSE_PUBLIC_KEY', () => {
  const own = pemFile('own.pem', testPair().publicKeyPem);
  const env = { CODITECT_LICENSE_PUBLIC_KEY: own };
  const shipped = findPublicKeyFile({});

  it('replaces the vendor key in a development build', () => {
    expect(findPublicKeyFile(env, __dirname, 'development')).toBe(own);
    expect(loadPublicKeyPem(undefined, env)).toBe(fs.readFileSync(own, 'utf8'));
  });

  it('is ignored by a packaged build: the shipped vendor key is used', () => {
    expect(findPublicKeyFile(env, __dirname, 'packaged')).toBe(shipped);
    const ctx = licenseContextFromEnv({ ...env, HOME: dir, CODITECT_CONFIG_DIR: dir }, undefined, 'packaged');
    expect(ctx.publicKeyPem).toBe(fs.readFileSync(shipped, 'utf8'));
  });
});

describe('CODITECT_LICENSE_SERVER', () => {
  const hex = crypto
    .generateKeyPairSync('ed25519')
    .publicKey.export({ format: 'der', type: 'spki' })
    .subarray(-32)
    .toString('hex');

  it('gets the same checks as the setting: https, or http to this machine only', () => {
    const env = (url: string) => ({ CODITECT_LICENSE_SERVER: url, CODITECT_LICENSE_SERVER_KEY: hex });
    expect(() => serverConfigFromEnv(env('http://licenses.example.com/v1/accounts/a'))).toThrow(
      'CODITECT_LICENSE_SERVER: must be an https:// address',
    );
    expect(() => serverConfigFromEnv(env('https://u:p@licenses.example.com/v1'))).toThrow(
      /CODITECT_LICENSE_SERVER: must not carry a user name or password/,
    );
    expect(() => serverConfigFromEnv(env('licenses.example.com'))).toThrow(
      'CODITECT_LICENSE_SERVER: not a URL',
    );
    expect(serverConfigFromEnv(env('http://127.0.0.1:9/v1/accounts/a'))?.accountUrl).toBe(
      'http://127.0.0.1:9/v1/accounts/a',
    );
    expect(serverConfigFromEnv(env('https://api.keygen.sh/v1/accounts/a/'))?.accountUrl).toBe(
      'https://api.keygen.sh/v1/accounts/a',
    );
  });

  it('its key must be Ed25519', () => {
    const rsa = pemFile('server-rsa.pem', rsaSignedKey().publicKeyPem);
    expect(() =>
      serverConfigFromEnv({
        CODITECT_LICENSE_SERVER: 'https://a.example/v1',
        CODITECT_LICENSE_SERVER_KEY: rsa,
      }),
    ).toThrow('CODITECT_LICENSE_SERVER_KEY: not an Ed25519 key');
  });
});
