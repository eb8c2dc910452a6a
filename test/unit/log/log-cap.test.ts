import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_MAX_LINES, resolveLogCap } from '../../../src-main/core/log/log-cap';

describe('resolveLogCap', () => {
  it('defaults to 5000 lines', () => {
    expect(DEFAULT_LOG_MAX_LINES).toBe(5000);
    expect(resolveLogCap(undefined, {})).toBe(5000);
  });

  it('uses the setting when there is no override', () => {
    expect(resolveLogCap(1200, {})).toBe(1200);
  });

  it('lets CODITECT_LOG_MAX_LINES win over the setting', () => {
    expect(resolveLogCap(1200, { CODITECT_LOG_MAX_LINES: '50' })).toBe(50);
    expect(resolveLogCap(undefined, { CODITECT_LOG_MAX_LINES: ' 70 ' })).toBe(70);
  });

  it('ignores invalid environment values and settings', () => {
    for (const bad of ['', '0', '-5', 'abc', '5e3', '12.5', '12abc', '99999999999999999999']) {
      expect(resolveLogCap(300, { CODITECT_LOG_MAX_LINES: bad }), bad).toBe(300);
    }
    for (const bad of [0, -1, 2.5, NaN, Infinity]) {
      expect(resolveLogCap(bad, {}), String(bad)).toBe(5000);
    }
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env.CODITECT_LOG_MAX_LINES;
    process.env.CODITECT_LOG_MAX_LINES = '123';
    try {
      expect(resolveLogCap(10)).toBe(123);
    } finally {
      if (saved === undefined) delete process.env.CODITECT_LOG_MAX_LINES;
      else process.env.CODITECT_LOG_MAX_LINES = saved;
    }
  });
});
