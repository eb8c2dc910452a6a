import crypto from 'node:crypto';
import { issueLicenseKey, type IssueInput } from '../../../src-main/core/license/issue-key';

/** A fresh real Ed25519 pair per test file: tests never depend on the shipped key. */
export function testPair() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  return {
    publicKey,
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function issue(privateKey: crypto.KeyObject, over: Partial<IssueInput> = {}) {
  return issueLicenseKey(
    {
      org: 'Acme',
      seats: 5,
      tier: 'pro',
      issued: new Date('2026-01-01T00:00:00Z'),
      expires: new Date('2027-01-01T00:00:00Z'),
      ...over,
    },
    privateKey,
  );
}
