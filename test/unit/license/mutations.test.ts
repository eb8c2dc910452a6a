import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyLicenseKey } from '../../../src-main/core/license/verify-key';
import { issue, testPair } from './keys';

const pair = testPair();
const NOW = { now: new Date('2026-06-01T00:00:00Z') };
const good = issue(pair.privateKey).key;
const other = issue(pair.privateKey, { org: 'Other Org', seats: 500, tier: 'enterprise' }).key;
const [goodText, goodSig] = good.split('.') as [string, string];
const [otherText, otherSig] = other.split('.') as [string, string];

/** Ways a key gets broken or forged; each must lose validity. */
const mutation = fc.oneof(
  // a single bit flipped anywhere in the text
  fc.record({ i: fc.nat(good.length - 1), bit: fc.integer({ min: 0, max: 6 }) }).map(({ i, bit }) => {
    const c = String.fromCharCode(good.charCodeAt(i) ^ (1 << bit));
    return good.slice(0, i) + c + good.slice(i + 1);
  }),
  // truncated
  fc.nat(good.length - 1).map((n) => good.slice(0, n)),
  // payload of one key with the signature of the other
  fc.constantFrom(`${otherText}.${goodSig}`, `${goodText}.${otherSig}`),
  // re-encoded: padding, standard base64 alphabet, extra or dropped characters
  fc.constantFrom(
    `${goodText}=.${goodSig}`,
    `${goodText}.${goodSig}==`,
    `${goodText}.${Buffer.from(goodSig, 'base64url').toString('base64')}`,
    `key/${Buffer.from(goodText.slice(4), 'base64url').toString('base64')}.${goodSig}`,
    `${goodText}.${goodSig}A`,
    `${goodText}A.${goodSig}`,
    `${goodText}.${goodSig}.${goodSig}`,
    good.replace('key/', 'KEY/'),
  ),
  // random bytes spliced in
  fc
    .record({ i: fc.nat(good.length - 1), s: fc.string({ minLength: 1, maxLength: 4 }) })
    .map(({ i, s }) => good.slice(0, i) + s + good.slice(i)),
);

describe('a valid key, mutated', () => {
  it('is valid unmutated', () => {
    expect(verifyLicenseKey(good, pair.publicKeyPem, NOW).state).toBe('valid');
  });

  it('is rejected after any of 1,000 random mutations', () => {
    fc.assert(
      fc.property(mutation, (key) => {
        // Whitespace around a key is how keys get pasted: the same key, accepted on purpose.
        fc.pre(key.trim() !== good);
        const s = verifyLicenseKey(key, pair.publicKeyPem, NOW);
        expect(['bad-signature', 'malformed']).toContain(s.state);
      }),
      { numRuns: 1000 },
    );
  });
});
