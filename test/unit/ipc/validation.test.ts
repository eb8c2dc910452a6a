import { describe, expect, it } from 'vitest';
import { CHANNELS, channels } from '../../../src-main/ipc/contract';
import { IpcFailure } from '../../../src-main/ipc/errors';
import { parseRequest } from '../../../src-main/ipc/validate';
import { MALFORMED, NO_REQUEST_CHANNELS, shown } from './malformed-cases';

function failureOf(fn: () => unknown): IpcFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof IpcFailure) return err;
    throw err;
  }
  throw new Error('expected a validation failure');
}

describe('request validation', () => {
  it.each(MALFORMED.map(([c, r, f]) => [c, shown(r), r, f] as const))(
    '%s %s → validation error naming %s',
    (channel, _shown, request, field) => {
      const f = failureOf(() => parseRequest(channels[channel].request, request));
      expect(f.code).toBe('validation');
      expect(f.field).toBe(field);
      expect(f.message.length).toBeLessThan(500);
    },
  );

  it('covers every channel with at least one malformed payload', () => {
    const covered = new Set(MALFORMED.map(([c]) => c));
    expect(CHANNELS.filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(NO_REQUEST_CHANNELS)('%s accepts no request or an empty object', (channel) => {
    expect(() => parseRequest(channels[channel].request, undefined)).not.toThrow();
    expect(() => parseRequest(channels[channel].request, {})).not.toThrow();
  });

  it('fills defaults', () => {
    expect(parseRequest(channels['checkpoints:messages'].request, { id: 'x' })).toEqual({
      id: 'x',
      offset: 0,
      limit: 200,
    });
    expect(parseRequest(channels['log:tail'].request, {})).toEqual({ lines: 5000 });
  });
});

describe('validation messages', () => {
  it('never echo a huge field name back in full', () => {
    const key = 'k'.repeat(100_000);
    const f = (() => {
      try {
        parseRequest(channels['log:tail'].request, { [key]: 1 });
      } catch (err) {
        return err as IpcFailure;
      }
      throw new Error('expected a failure');
    })();
    expect(f.code).toBe('validation');
    expect(f.field!.length).toBeLessThanOrEqual(101);
    expect(f.message.length).toBeLessThanOrEqual(301);
  });
});
