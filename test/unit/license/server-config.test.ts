import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { licenseContextFromEnv } from '../../../src-main/core/license/license-context';
import {
  resolveServerConfig,
  serverKeyProblem,
  serverSource,
  serverUrlProblem,
} from '../../../src-main/core/license/server-config';
import { testPair } from './keys';

const hex = crypto
  .generateKeyPairSync('ed25519')
  .publicKey.export({ format: 'der', type: 'spki' })
  .subarray(-32)
  .toString('hex');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-server-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the license server rules', () => {
  it('https, or plain http to this machine only; no credentials in the URL', () => {
    expect(serverUrlProblem('https://api.keygen.sh/v1/accounts/acme')).toBeNull();
    expect(serverUrlProblem('http://127.0.0.1:8080/v1/accounts/a')).toBeNull();
    expect(serverUrlProblem('http://localhost/v1')).toBeNull();
    expect(serverUrlProblem('http://licenses.example.com/v1')).toBe('must be an https:// address');
    expect(serverUrlProblem('ftp://licenses.example.com')).toBe('must be an https:// address');
    expect(serverUrlProblem('https://u:p@licenses.example.com')).toMatch(/user name or password/);
    expect(serverUrlProblem('licenses.example.com')).toBe('not a URL');
  });

  it('the key as 64 hex digits or PEM text, Ed25519 only; a file path is for the environment', () => {
    expect(serverKeyProblem(hex)).toBeNull();
    expect(serverKeyProblem(testPair().publicKeyPem)).toBeNull();
    const rsa = crypto
      .generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(serverKeyProblem(rsa)).toBe('not an Ed25519 key');
    expect(serverKeyProblem('/etc/passwd')).toMatch(/64-hex-digit/);
    expect(serverKeyProblem('-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----')).toBe(
      'not a readable public key',
    );
  });

  it('the environment wins over the settings', () => {
    const fromSettings = { url: 'https://settings.example/v1/accounts/s', publicKey: hex };
    expect(serverSource({}, undefined)).toBeNull();
    expect(serverSource({}, fromSettings)).toBe('settings');
    expect(serverSource({ CODITECT_LICENSE_SERVER: ' ' }, fromSettings)).toBe('settings');
    const env = {
      CODITECT_LICENSE_SERVER: 'https://env.example/v1/accounts/e',
      CODITECT_LICENSE_SERVER_KEY: hex,
    };
    expect(serverSource(env, fromSettings)).toBe('env');
    expect(resolveServerConfig(env, fromSettings)?.accountUrl).toBe('https://env.example/v1/accounts/e');
    expect(resolveServerConfig({}, fromSettings)?.accountUrl).toBe('https://settings.example/v1/accounts/s');
    expect(() => resolveServerConfig({}, { url: 'http://x.example', publicKey: hex })).toThrow(
      /licenseServer.url/,
    );
  });

  it('the CLI reads the server from the settings file too', () => {
    const keyFile = path.join(dir, 'pub.pem');
    fs.writeFileSync(keyFile, testPair().publicKeyPem);
    const config = path.join(dir, 'cfg');
    fs.mkdirSync(config);
    const env = { HOME: dir, CODITECT_CONFIG_DIR: config, CODITECT_LICENSE_PUBLIC_KEY: keyFile };
    expect(licenseContextFromEnv(env).server).toBeNull();
    fs.writeFileSync(
      path.join(config, 'settings.json'),
      JSON.stringify({ licenseServer: { url: 'https://settings.example/v1/accounts/s/', publicKey: hex } }),
    );
    expect(licenseContextFromEnv(env).server?.accountUrl).toBe('https://settings.example/v1/accounts/s');
  });
});
