import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash, normalizeText } from '../../../src-main/core/identity/content-hash';

/** The definition, written the plain way: the fast paths must agree with it on every text. */
function referenceNormalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

// Line ends, the white space that is trimmed, combining marks (NFC composes e + U+0301),
// precomposed letters, the markers of an export and characters that must stay as they are.
const pieces = fc.constantFrom(
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '\u00a0',
  '\u2028',
  'e',
  '\u0301',
  'é',
  'Å',
  'A\u030a',
  '\u212b',
  '⏺',
  '⎿',
  '한',
  '\u1100\u1161',
  'x',
  'word',
  '  ',
  '\n\n',
  '\ud83d\ude00',
);
const text = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 30 })
  .map((a) => a.join(''));

describe('normalizeText', () => {
  it('agrees with the plain definition on every text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normalizeText(t)).toBe(referenceNormalize(t));
      }),
      { numRuns: 10_000 },
    );
  });

  it('relies on a true fact: every character below U+0300 is unchanged by NFC', () => {
    for (let c = 0; c < 0x300; c++) {
      const s = String.fromCharCode(c);
      expect(s.normalize('NFC')).toBe(s);
      expect(`a${s}b`.normalize('NFC')).toBe(`a${s}b`);
    }
  });

  it('makes CRLF, trailing spaces, blank edges and decomposed accents one key', () => {
    const a = contentHash('user', '\n\nCafe\u0301 au lait  \r\nsecond line\t\r\n\n');
    const b = contentHash('user', 'Café au lait\nsecond line');
    expect(a).toBe(b);
    expect(contentHash('assistant', 'Café au lait\nsecond line')).not.toBe(b);
  });

  it('is the key every memory already holds: SHA-256 of the role, a NUL and the normalized text', () => {
    // Keys are in git-tracked files on other machines: the bytes hashed may never change.
    const role = fc.constantFrom('user', 'assistant', 'tool_call', 'tool_result');
    fc.assert(
      fc.property(role, text, (r, t) => {
        const plain = createHash('sha256').update(r).update('\0').update(normalizeText(t)).digest('hex');
        expect(contentHash(r, t)).toBe(plain);
      }),
      { numRuns: 5_000 },
    );
    // A lone surrogate becomes U+FFFD either way.
    expect(contentHash('user', 'a\ud800')).toBe(
      createHash('sha256').update('user').update('\0').update('a\ud800').digest('hex'),
    );
  });
});
