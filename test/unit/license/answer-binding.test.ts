import { describe, expect, it } from 'vitest';
import {
  activationMismatch,
  newNonce,
  validationMismatch,
  type ValidationRequest,
} from '../../../src-main/core/license/answer-binding';

const asked: ValidationRequest = {
  nonce: 424242,
  fingerprint: 'f'.repeat(64),
  licenseId: 'lic-K',
  key: 'key/K.sig',
};

/** A validate-key answer shaped as Keygen sends it, for `asked` unless told otherwise. */
function answer(over: { meta?: object; data?: object | null } = {}) {
  return {
    meta: {
      ts: '2026-06-01T00:00:00.000Z',
      valid: true,
      code: 'VALID',
      detail: 'is valid',
      nonce: asked.nonce,
      scope: { fingerprint: asked.fingerprint },
      ...over.meta,
    },
    data:
      over.data === undefined
        ? { id: asked.licenseId, type: 'licenses', attributes: { key: asked.key } }
        : over.data,
  };
}

describe('a validate-key answer is bound to its request', () => {
  it('accepts the answer to this request', () => {
    expect(validationMismatch(answer(), asked)).toBeNull();
    expect(
      validationMismatch(answer({ data: { id: 'lic-K', attributes: { key: ' key/K.sig\n' } } }), asked),
    ).toBeNull();
  });

  it.each([
    ['its nonce differs', answer({ meta: { nonce: 1 } })],
    ['its nonce differs', answer({ meta: { nonce: String(asked.nonce) } })],
    ['its nonce differs', { meta: { valid: true, scope: { fingerprint: asked.fingerprint } }, data: null }],
    ['it is for another machine', answer({ meta: { scope: { fingerprint: '0'.repeat(64) } } })],
    ['it is for another machine', answer({ meta: { scope: undefined } })],
    ['it is for another license', answer({ data: { id: 'lic-A', attributes: { key: asked.key } } })],
    ['it is for another key', answer({ data: { id: 'lic-K', attributes: { key: 'key/A.sig' } } })],
    ['it is for another key', answer({ data: { id: 'lic-K' } })],
    ['it names no license', answer({ data: null })],
  ])('refuses one where %s', (why, doc) => {
    expect(validationMismatch(doc, asked)).toBe(why);
  });

  it('takes a "not found" for this request as it is (it names no license, and says not valid)', () => {
    expect(
      validationMismatch(answer({ meta: { valid: false, code: 'NOT_FOUND' }, data: null }), asked),
    ).toBeNull();
  });

  it('refuses what is not an answer at all', () => {
    expect(validationMismatch(null, asked)).toBe('its nonce differs');
    expect(validationMismatch('VALID', asked)).toBe('its nonce differs');
  });

  it('nonces are safe integers and differ', () => {
    const n = Array.from({ length: 50 }, newNonce);
    expect(n.every((x) => Number.isSafeInteger(x) && x > 0)).toBe(true);
    expect(new Set(n).size).toBe(n.length);
  });
});

describe('a machine activation answer is bound to its request', () => {
  const machine = (fingerprint: string, licenseId: string) => ({
    data: {
      id: 'm-1',
      type: 'machines',
      attributes: { fingerprint },
      relationships: { license: { data: { type: 'licenses', id: licenseId } } },
    },
  });
  const req = { fingerprint: asked.fingerprint, licenseId: asked.licenseId };

  it('accepts this machine on this license, refuses any other', () => {
    expect(activationMismatch(machine(asked.fingerprint, 'lic-K'), req)).toBeNull();
    expect(activationMismatch(machine('0'.repeat(64), 'lic-K'), req)).toBe(
      'the machine it created is another machine',
    );
    expect(activationMismatch(machine(asked.fingerprint, 'lic-A'), req)).toBe(
      'the machine it created is on another license',
    );
  });
});
