import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src-main/core/security/redact-secrets';
import { leaksSecret as leaks, readCodeLines, readSecretCases } from '../../helpers/secret-corpus';

/**
 * The closing figures of "secrets never reach git": every secret format the issue lists must be
 * redacted, and the code corpus (ordinary code plus hashes, UUIDs, base64 images) must come out
 * untouched. Leaks and false positives are counted, then asserted to be zero.
 */

/** The same text as the export parser hands it on: marker gone, continuation indentation stripped. */
function asMessageText(text: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? l.replace(/^(?:⏺|>|\s+⎿) +/, '') : l.replace(/^ {1,5}/, '')))
    .join('\n');
}

describe('secret corpus: every format is redacted', () => {
  const cases = readSecretCases();

  it('holds every format the issue lists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(37);
  });

  it.each(cases.map((c) => [c.kind, c] as const))('%s: as written in an export', (_kind, c) => {
    const out = redactSecrets(c.text).text;
    expect(leaks(out, c.secret), out).toBe(false);
  });

  it.each(cases.map((c) => [c.kind, c] as const))(
    '%s: as message text (indentation stripped)',
    (_kind, c) => {
      const out = redactSecrets(asMessageText(c.text)).text;
      expect(leaks(out, c.secret), out).toBe(false);
    },
  );

  it('all formats in one export: leaked 0 of N', () => {
    const out = redactSecrets(cases.map((c) => c.text).join('\n\n')).text;
    const leaked = cases.filter((c) => leaks(out, c.secret)).map((c) => c.kind);
    console.log(`secret formats tried: ${cases.length}, leaked: ${leaked.length}`);
    expect(leaked).toEqual([]);
  });
});

describe('code corpus: ordinary code and lookalikes survive', () => {
  const lines = readCodeLines();

  it.each(lines)('untouched: %s', (line) => {
    const r = redactSecrets(line);
    expect(r.text).toBe(line);
    expect(r.count).toBe(0);
  });

  it('the whole corpus as one text: false positives 0 of N', () => {
    const r = redactSecrets(lines.join('\n'));
    const changed = r.text.split('\n').filter((l, i) => l !== lines[i]);
    console.log(`code corpus lines: ${lines.length}, false positives: ${changed.length}`);
    expect(changed).toEqual([]);
    expect(r.count).toBe(0);
  });
});
