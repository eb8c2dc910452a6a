import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackedOccurrence } from '../../../src-main/core/checkpoint/tracked-format';
import { occurrenceLineText, type OccurrenceRow } from '../../../src-main/core/checkpoint/write-tracked';

const HOME = '/home/ann';

/** The plain definition: the object with its absent fields left out, through JSON.stringify. */
function plainLine(ref: number, project: string | null, r: OccurrenceRow): string {
  const line: TrackedOccurrence = { s: ref, q: r[1], h: r[2] };
  if (r[3]) line.d = 1;
  const opt = (k: keyof TrackedOccurrence, v: string | null) => {
    if (v !== null) (line as unknown as Record<string, unknown>)[k] = v;
  };
  opt('u', r[4]);
  opt('p', r[5]);
  opt('sid', r[6]);
  opt('turn', r[7]);
  opt('ts', r[8]);
  const cwd = r[9];
  opt(
    'cwd',
    cwd === null
      ? null
      : cwd === project
        ? '.'
        : cwd.startsWith(`${HOME}/`)
          ? `~/${cwd.slice(HOME.length + 1)}`
          : cwd,
  );
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
      fc.property(fc.nat(), fc.option(text, { nil: null }), row, (ref, project, r) => {
        expect(occurrenceLineText({ ref, project }, r, HOME)).toBe(plainLine(ref, project, r));
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
      '/home/ann/w "q"',
      null,
      1,
      null,
      'Bash',
    ];
    expect(JSON.parse(occurrenceLineText({ ref: 2, project: '/elsewhere' }, r, HOME))).toEqual({
      s: 2,
      q: 7,
      h: 'ab12',
      d: 1,
      u: 'u-1',
      sid: 's-1',
      ts: '2026-01-01T00:00:00Z',
      cwd: '~/w "q"',
      sc: 1,
      tool: 'Bash',
    });
  });
});

describe('a working directory in an occurrence line', () => {
  const r: OccurrenceRow = [
    1,
    0,
    'h',
    0,
    null,
    null,
    null,
    null,
    null,
    '/home/ann/PROJECTS/app',
    null,
    0,
    null,
    null,
  ];
  it('is "." when it is the source\'s project, and never names the home folder', () => {
    expect(JSON.parse(occurrenceLineText({ ref: 1, project: '/home/ann/PROJECTS/app' }, r, HOME)).cwd).toBe(
      '.',
    );
    expect(JSON.parse(occurrenceLineText({ ref: 1, project: null }, r, HOME)).cwd).toBe('~/PROJECTS/app');
  });
});
