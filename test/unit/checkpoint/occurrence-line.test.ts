import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  occurrenceLineText,
  type OccurrenceLine,
  type OccurrenceRow,
} from '../../../src-main/core/checkpoint/occurrences-file';

/** The plain definition: the object with its absent fields left out, through JSON.stringify. */
function plainLine(src: string, r: OccurrenceRow): string {
  const line: OccurrenceLine = { src, q: r[1], h: r[2], dup: r[3] ? 1 : 0 };
  const opt = (k: keyof OccurrenceLine, v: string | null) => {
    if (v !== null) (line as unknown as Record<string, unknown>)[k] = v;
  };
  opt('u', r[4]);
  opt('p', r[5]);
  opt('sid', r[6]);
  opt('turn', r[7]);
  opt('ts', r[8]);
  opt('cwd', r[9]);
  opt('br', r[10]);
  if (r[11]) line.sc = 1;
  opt('ag', r[12]);
  opt('tool', r[13]);
  return JSON.stringify(line);
}

// Any text: quotes, backslashes, control characters, lone surrogates, emoji.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const maybe = fc.option(text, { nil: null });
const row: fc.Arbitrary<OccurrenceRow> = fc.tuple(
  fc.nat(),
  fc.nat(),
  text,
  fc.constantFrom(0, 1),
  maybe,
  maybe,
  maybe,
  maybe,
  maybe,
  maybe,
  maybe,
  fc.constantFrom(0, 1),
  maybe,
  maybe,
);

describe('an occurrence line written as text', () => {
  it('is exactly what JSON.stringify gives for the line object', () => {
    fc.assert(
      fc.property(text, row, (src, r) => {
        expect(occurrenceLineText(JSON.stringify(src), r)).toBe(plainLine(src, r));
      }),
      { numRuns: 5000 },
    );
  });

  it('parses back to the fields it was given', () => {
    const r: OccurrenceRow = [
      3,
      7,
      'ab12',
      1,
      'u-1',
      null,
      's-1',
      null,
      '2026-01-01T00:00:00Z',
      '/w "q"',
      null,
      1,
      null,
      'Bash',
    ];
    expect(JSON.parse(occurrenceLineText('"export:x"', r))).toEqual({
      src: 'export:x',
      q: 7,
      h: 'ab12',
      dup: 1,
      u: 'u-1',
      sid: 's-1',
      ts: '2026-01-01T00:00:00Z',
      cwd: '/w "q"',
      sc: 1,
      tool: 'Bash',
    });
  });
});
