import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLogLine, LogEvent, LogLevel, parseLogLine } from '../../../src-main/core/log/log-line';

const T = new Date('2025-03-04T05:06:07.089Z');

describe('formatLogLine', () => {
  it('writes time, level, step, message and fields in order', () => {
    const line = formatLogLine({
      time: T,
      level: 'INFO',
      step: 'git.commit',
      message: 'Committed 3 repos',
      fields: { repos: 3, ok: true, none: null, skipped: undefined, path: '/tmp/a b' },
    });
    expect(line).toBe(
      '2025-03-04T05:06:07.089Z INFO [git.commit] Committed 3 repos repos=3 ok=true none=null path="/tmp/a b"',
    );
  });

  it('keeps one event on one physical line whatever the text holds', () => {
    const line = formatLogLine({
      time: T,
      level: 'ERROR',
      step: 'export',
      message: 'line one\nline two\r\n\u2028end',
      fields: { stack: 'Error: x\n    at y', q: 'say "hi"', eq: 'a=b', empty: '' },
    });
    expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    expect(line).toBe(
      '2025-03-04T05:06:07.089Z ERROR [export] "line one\\nline two\\r\\n\\u2028end" stack="Error: x\\n    at y" q="say \\"hi\\"" eq="a=b" empty=""',
    );
  });

  it('quotes a message that contains = so it cannot read as a field', () => {
    const line = formatLogLine({ time: T, level: 'WARN', step: 's', message: 'set x=1', fields: { y: 2 } });
    expect(line).toBe('2025-03-04T05:06:07.089Z WARN [s] "set x=1" y=2');
    expect(parseLogLine(line)?.message).toBe('set x=1');
    expect(parseLogLine(line)?.fields).toEqual({ y: '2' });
  });

  it('replaces characters that do not belong in a step or key', () => {
    const line = formatLogLine({
      time: T,
      level: 'DEBUG',
      step: 'a b]c\n',
      message: 'm',
      fields: { 'bad key=': 1, '': 2 },
    });
    expect(line).toBe('2025-03-04T05:06:07.089Z DEBUG [a_b_c_] m bad_key_=1 _=2');
    expect(formatLogLine({ time: T, level: 'INFO', step: '', message: 'm' })).toContain('[-]');
  });

  it('falls back to a valid time for an invalid Date', () => {
    const parsed = parseLogLine(
      formatLogLine({ time: new Date(NaN), level: 'INFO', step: 's', message: 'm' }),
    );
    expect(parsed).not.toBeNull();
  });
});

describe('parseLogLine', () => {
  it('rejects anything that is not a log line', () => {
    for (const bad of [
      '',
      'hello',
      '2025-03-04T05:06:07.089Z INFO [s]',
      '2025-03-04T05:06:07.089Z NOTICE [s] m',
      '2025-03-04 05:06:07 INFO [s] m',
      '2025-03-04T05:06:07.089Z INFO [s] "unterminated',
      '2025-03-04T05:06:07.089Z INFO [s] m k="unterminated',
      '2025-03-04T05:06:07.089Z INFO [s] m k=v trailing',
      '2025-03-04T05:06:07.089Z INFO [s] "m"junk',
      '2025-03-04T05:06:07.089Z INFO [s] m k=',
      '2025-03-04T05:06:07.089Z INFO [s] m k=v ',
      '2025-03-04T05:06:07.089Z INFO [s] m\nmore',
    ]) {
      expect(parseLogLine(bad), bad).toBeNull();
    }
  });

  it('returns the raw line and string field values', () => {
    const raw = '2025-03-04T05:06:07.089Z INFO [pipeline] done files=12 dry=false';
    expect(parseLogLine(raw)).toEqual({
      time: '2025-03-04T05:06:07.089Z',
      level: 'INFO',
      step: 'pipeline',
      message: 'done',
      fields: { files: '12', dry: 'false' },
      raw,
    });
  });

  it('treats a field named __proto__ as a plain field', () => {
    const parsed = parseLogLine('2025-03-04T05:06:07.089Z INFO [s] m __proto__=x');
    expect(Object.getPrototypeOf(parsed?.fields)).toBe(Object.prototype);
    expect(Object.keys(parsed?.fields ?? {})).toEqual(['__proto__']);
  });
});

// Any text at all, including lone surrogates and every control character.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.stringMatching(/^[a-z =" \\\n\r\t]{0,20}$/),
);
const stepName = fc.stringMatching(/^[A-Za-z0-9_.:/@#+-]{1,20}$/);
const fieldKey = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
const levelArb = fc.constantFrom<LogLevel>('DEBUG', 'INFO', 'WARN', 'ERROR');

describe('round trip (property)', () => {
  it('parse(format(e)) gives back every part of the event, on one line', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true }),
        levelArb,
        stepName,
        anyText,
        fc.dictionary(fieldKey, anyText, { maxKeys: 5 }),
        (time, level, step, message, fields) => {
          const e: LogEvent = { time, level, step, message, fields };
          const line = formatLogLine(e);
          expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
          const parsed = parseLogLine(line);
          expect(parsed).toEqual({
            time: time.toISOString(),
            level,
            step,
            message,
            fields: { ...fields },
            raw: line,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('non-string field values come back as their text', () => {
    fc.assert(
      fc.property(
        fieldKey,
        fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
        (key, value) => {
          const parsed = parseLogLine(
            formatLogLine({ time: T, level: 'INFO', step: 's', message: 'm', fields: { [key]: value } }),
          );
          expect(parsed?.fields[key]).toBe(value === null ? 'null' : String(value));
        },
      ),
    );
  });
});
