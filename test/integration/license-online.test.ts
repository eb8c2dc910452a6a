import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src-main/core/license/fingerprint';
import {
  activateLicense,
  checkLicense,
  deactivateLicense,
  licenseStatus,
  type LicenseContext,
} from '../../src-main/core/license/license-service';
import { SecretStore } from '../../src-main/core/license/secret-store';
import { parseServerKey } from '../../src-main/core/license/server-config';
import { startKeygenStandin, type KeygenStandin } from '../helpers/keygen-standin';
import { issue, testPair } from '../unit/license/keys';

/** Online activation against the stand-in for the remote license service (test/helpers/keygen-standin.ts). */
const pair = testPair();
const RAW_MACHINE_ID = 'raw-os-machine-id-0123456789';
const FP = fingerprintOf(RAW_MACHINE_ID);
const NOW = () => new Date('2026-06-01T00:00:00Z');

let standin: KeygenStandin;
let dir: string;
let ctx: LicenseContext;
const { key, license } = issue(pair.privateKey, { maxMachines: 1 });

beforeEach(async () => {
  standin = await startKeygenStandin([{ id: license.id, key, maxMachines: 1, status: 'ACTIVE' }]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-online-'));
  ctx = {
    configDir: dir,
    publicKeyPem: pair.publicKeyPem,
    server: {
      accountUrl: standin.accountUrl,
      serverKey: parseServerKey(standin.publicKeyHex),
      timeoutMs: 1500,
    },
    secrets: new SecretStore({ configDir: dir, prefer: 'file' }),
    now: NOW,
    fingerprint: () => FP,
  };
});
afterEach(async () => {
  await standin.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('online activation (Keygen stand-in)', () => {
  it('activates this machine, then validates it, then releases it', async () => {
    const r = await activateLicense(ctx, key);
    expect(r.state.state).toBe('valid');
    expect(r.online.note).toBe('This machine is activated on the license server.');
    expect(standin.machines).toHaveLength(1);
    expect(r.record?.machineId).toBe(standin.machines[0]!.id);
    const status = await licenseStatus(ctx);
    expect(status?.online).toMatchObject({ checked: true, note: 'License server: is valid.' });
    const d = await deactivateLicense(ctx);
    expect(d.online.note).toMatch(/released/);
    expect(standin.machines).toHaveLength(0);
  });

  it('sends only the salted hash of the machine id, never the raw id', async () => {
    await activateLicense(ctx, key);
    const sent = standin.requests.map((q) => q.body).join('\n');
    expect(sent).toContain(FP);
    expect(sent).not.toContain(RAW_MACHINE_ID);
    expect(FP).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports too many machines when the limit is reached elsewhere', async () => {
    standin.machines.push({ id: 'm-other', licenseId: license.id, fingerprint: 'f'.repeat(64) });
    const r = await activateLicense(ctx, key);
    expect(r.state.state).toBe('too-many-machines');
    expect(r.sentence).toMatch(/maximum of 1 machines/);
    expect(r.stored).toBeUndefined();
  });

  it('reports a suspended license as revoked', async () => {
    standin.licenses[0]!.status = 'SUSPENDED';
    const r = await checkLicense(ctx, key);
    expect(r.state.state).toBe('revoked');
    expect(r.sentence).toMatch(/revoked or suspended/);
  });

  it('rejects a tampered answer and keeps the offline verdict', async () => {
    standin.licenses[0]!.status = 'SUSPENDED';
    standin.mode = 'tamper';
    const r = await checkLicense(ctx, key);
    expect(r.state.state).toBe('valid');
    expect(r.online).toMatchObject({ checked: false });
    expect(r.online.note).toMatch(/rejected \(the body does not match its digest\)/);
  });

  it('rejects an unsigned answer', async () => {
    standin.mode = 'unsigned';
    const r = await checkLicense(ctx, key);
    expect(r.online.note).toMatch(/rejected \(the response is not signed\)/);
  });

  it('rejects an answer signed by another key', async () => {
    standin.mode = 'wrong-key';
    const r = await checkLicense(ctx, key);
    expect(r.online.note).toMatch(/rejected \(the signature does not match/);
  });

  it('keeps the offline verdict and says so when the server is slow', async () => {
    standin.mode = 'slow';
    const r = await activateLicense(ctx, key);
    expect(r.state.state).toBe('valid');
    expect(r.online.note).toMatch(/not checked \(no answer within 1.5 s\); the offline verdict stands/);
    expect(r.stored?.backend).toBe('file');
  });

  it('keeps the offline verdict when the server fails or is gone', async () => {
    standin.mode = 'fail';
    expect((await checkLicense(ctx, key)).online.note).toMatch(/failed \(HTTP 503\)/);
    await standin.close();
    const r = await checkLicense(ctx, key);
    expect(r.state.state).toBe('valid');
    expect(r.online.note).toMatch(/could not reach the license server \(ECONNREFUSED\)/);
  });

  it('a replayed VALID answer for another license is rejected: the answer must be for this request', async () => {
    const other = issue(pair.privateKey, { maxMachines: 1 });
    standin.licenses.push({ id: other.license.id, key: other.key, maxMachines: 1, status: 'SUSPENDED' });
    expect((await checkLicense(ctx, other.key)).state.state).toBe('revoked');
    await activateLicense(ctx, key);
    expect((await checkLicense(ctx, key)).online.note).toBe('License server: is valid.');
    expect(standin.recordedValid).not.toBeNull();

    standin.mode = 'replay';
    const r = await checkLicense(ctx, other.key);
    expect(r.online).toMatchObject({ checked: false, failed: true });
    expect(r.online.note).toMatch(/rejected \(the answer is not for this request: its nonce differs\)/);
    expect(r.online.note).not.toMatch(/is valid/);
  });

  it('asks with a fresh nonce each time, and binds the answer to the license, the key and this machine', async () => {
    await activateLicense(ctx, key);
    await checkLicense(ctx, key);
    const asked = standin.requests
      .filter((q) => q.url.endsWith('/validate-key'))
      .map((q) => (JSON.parse(q.body) as { meta: { nonce: number; scope: { fingerprint: string } } }).meta);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    for (const m of asked) {
      expect(Number.isSafeInteger(m.nonce)).toBe(true);
      expect(m.scope.fingerprint).toBe(FP);
    }
    expect(new Set(asked.map((m) => m.nonce)).size).toBe(asked.length);
  });

  it('does not ask the server about a key that fails offline', async () => {
    const forged = issue(testPair().privateKey).key;
    const r = await checkLicense(ctx, forged);
    expect(r.state.state).toBe('bad-signature');
    expect(standin.requests).toHaveLength(0);
  });
});
