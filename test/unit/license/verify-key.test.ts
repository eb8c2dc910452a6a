import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../../src-main/core/license/base64url';
import { findPublicKeyFile } from '../../../src-main/core/license/public-key';
import { describeLicenseState } from '../../../src-main/core/license/license-state';
import { verifyLicenseKey } from '../../../src-main/core/license/verify-key';
import { issue, testPair } from './keys';

const pair = testPair();
const ISSUED = Date.parse('2026-01-01T00:00:00Z');
const EXPIRES = Date.parse('2027-01-01T00:00:00Z');
const at = (ms: number) => ({ now: new Date(ms) });

describe('verifyLicenseKey (real Ed25519)', () => {
  const { key, license } = issue(pair.privateKey, { entitlements: ['sync'] });

  it('accepts a genuine key and carries its payload', () => {
    const s = verifyLicenseKey(key, pair.publicKeyPem, at(ISSUED + 1000));
    expect(s.state).toBe('valid');
    expect(s.state === 'valid' && s.license).toEqual(license);
    expect(describeLicenseState(s)).toBe('Licensed to Acme (pro, 5 seats), valid until 2027-01-01.');
  });

  it('expires exactly at the expiry instant, not a millisecond before', () => {
    expect(verifyLicenseKey(key, pair.publicKeyPem, at(EXPIRES - 1)).state).toBe('valid');
    expect(verifyLicenseKey(key, pair.publicKeyPem, at(EXPIRES)).state).toBe('expired');
    expect(verifyLicenseKey(key, pair.publicKeyPem, at(EXPIRES + 1)).state).toBe('expired');
  });

  it('is not yet valid before its issue time, valid from it', () => {
    expect(verifyLicenseKey(key, pair.publicKeyPem, at(ISSUED - 1)).state).toBe('not-yet-valid');
    expect(verifyLicenseKey(key, pair.publicKeyPem, at(ISSUED)).state).toBe('valid');
  });

  it('a perpetual key never expires', () => {
    const perpetual = issue(pair.privateKey, { expires: undefined }).key;
    expect(verifyLicenseKey(perpetual, pair.publicKeyPem, at(Date.parse('2099-01-01'))).state).toBe('valid');
  });

  it('rejects a key signed by another private key', () => {
    const other = testPair();
    const forged = issue(other.privateKey).key;
    expect(verifyLicenseKey(forged, pair.publicKeyPem, at(ISSUED + 1)).state).toBe('bad-signature');
  });

  it('rejects a key for another product', () => {
    const k = issue(pair.privateKey, { product: 'other-app' }).key;
    const s = verifyLicenseKey(k, pair.publicKeyPem, at(ISSUED + 1));
    expect(s.state).toBe('wrong-product');
    expect(describeLicenseState(s)).toMatch(/another product \(other-app\)/);
  });

  it('calls a genuinely signed but invalid payload malformed', () => {
    const text = 'key/' + encodeBase64Url(JSON.stringify({ id: 'x', product: 'coditect-desktop' }));
    const sig = encodeBase64Url(crypto.sign(null, Buffer.from(text), pair.privateKey));
    const s = verifyLicenseKey(`${text}.${sig}`, pair.publicKeyPem, at(ISSUED));
    expect(s.state).toBe('malformed');
    expect(describeLicenseState(s)).toMatch(/^This is not a CODITECT license key \(field "org"/);
  });

  it('flags a clock far behind the newest time seen and judges expiry by that time', () => {
    const lastSeen = new Date(EXPIRES + 86_400_000);
    const s = verifyLicenseKey(key, pair.publicKeyPem, {
      now: new Date(EXPIRES - 30 * 86_400_000),
      lastSeen,
    });
    expect(s.state).toBe('expired');
    expect(s.state === 'expired' && s.clock.rolledBack).toBe(true);
    expect(describeLicenseState(s)).toMatch(/clock is about 31 day\(s\) behind/);
  });

  it('tolerates a clock a little behind (under 48 h)', () => {
    const lastSeen = new Date(ISSUED + 47 * 3600_000);
    const s = verifyLicenseKey(key, pair.publicKeyPem, { now: new Date(ISSUED + 1000), lastSeen });
    expect(s.state === 'valid' && s.clock.rolledBack).toBe(false);
  });
});

describe('the shipped public key', () => {
  it('is found in resources/ and is an Ed25519 public key', () => {
    const file = findPublicKeyFile({});
    expect(path.basename(path.dirname(file))).toBe('resources');
    expect(crypto.createPublicKey(fs.readFileSync(file, 'utf8')).asymmetricKeyType).toBe('ed25519');
  });
});
