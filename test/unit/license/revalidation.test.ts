import { describe, expect, it } from 'vitest';
import {
  failuresAfter,
  FIRST_RETRY_MS,
  nextRevalidationMs,
  REVALIDATE_EVERY_MS,
} from '../../../src-main/core/license/revalidation';
import { LicenseMonitor, type Timer } from '../../../src-main/host/license-monitor';

const HOUR = 3600_000;

describe('the revalidation policy', () => {
  it('never without a server or without a stored key', () => {
    expect(nextRevalidationMs({ serverConfigured: false, keyStored: true, failures: 0 })).toBeNull();
    expect(nextRevalidationMs({ serverConfigured: true, keyStored: false, failures: 0 })).toBeNull();
    expect(nextRevalidationMs({ serverConfigured: false, keyStored: false, failures: 3 })).toBeNull();
  });

  it('every 24 hours after an answer', () => {
    expect(REVALIDATE_EVERY_MS).toBe(24 * HOUR);
    expect(nextRevalidationMs({ serverConfigured: true, keyStored: true, failures: 0 })).toBe(24 * HOUR);
  });

  it('after failures: 15 min, doubling, never longer than 24 hours', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((failures) =>
      nextRevalidationMs({ serverConfigured: true, keyStored: true, failures }),
    );
    expect(FIRST_RETRY_MS).toBe(15 * 60_000);
    expect(delays).toEqual([0.25, 0.5, 1, 2, 4, 8, 16, 24, 24].map((h) => h * HOUR));
  });

  it('an answer resets the count; a failed check raises it', () => {
    expect(failuresAfter(3, { failed: false })).toBe(0);
    expect(failuresAfter(3, {})).toBe(0);
    expect(failuresAfter(3, null)).toBe(0);
    expect(failuresAfter(0, { failed: true })).toBe(1);
    expect(failuresAfter(4, { failed: true })).toBe(5);
  });
});

/** A timer the test fires by hand. */
function manual() {
  const pending: { fn: () => void; ms: number; live: boolean }[] = [];
  const timer: Timer = {
    set(fn, ms) {
      const t = { fn, ms, live: true };
      pending.push(t);
      return () => void (t.live = false);
    },
  };
  return {
    timer,
    delays: () => pending.filter((t) => t.live).map((t) => t.ms),
    async fire() {
      const t = pending.find((p) => p.live)!;
      t.live = false;
      t.fn();
      // The check is async: let it settle.
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('the monitor follows the policy', () => {
  const now = () => new Date('2026-06-01T00:00:00Z');

  it('checks at start, then every 24 h, sooner after failures, and stops when the key is gone', async () => {
    const t = manual();
    const answers = [
      { keyStored: true, serverConfigured: true, failed: false },
      { keyStored: true, serverConfigured: true, failed: true },
      { keyStored: true, serverConfigured: true, failed: true },
      { keyStored: true, serverConfigured: true, failed: false },
      { keyStored: false, serverConfigured: true, failed: false },
    ];
    let checked = 0;
    const m = new LicenseMonitor({
      check: async () => answers.shift()!,
      onChecked: () => checked++,
      onError: () => {},
      timer: t.timer,
      now,
    });
    m.start();
    expect(t.delays()).toEqual([0]);
    const seen: (number | null)[] = [];
    for (let i = 0; i < 5; i++) {
      await t.fire();
      seen.push(t.delays()[0] ?? null);
    }
    expect(seen).toEqual([24 * HOUR, 0.25 * HOUR, 0.5 * HOUR, 24 * HOUR, null]);
    expect(checked).toBe(5);
    expect(m.nextAt).toBeNull();
    expect(m.lastAt?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('a check that throws counts as a failure and is reported', async () => {
    const t = manual();
    const errors: unknown[] = [];
    const m = new LicenseMonitor({
      check: async () => {
        throw new Error('keyring locked');
      },
      onChecked: () => {},
      onError: (e) => errors.push(e),
      timer: t.timer,
      now,
    });
    m.start();
    await t.fire();
    expect(errors).toHaveLength(1);
    expect(m.failures).toBe(1);
    expect(t.delays()).toEqual([FIRST_RETRY_MS]);
    m.stop();
    expect(t.delays()).toEqual([]);
    expect(m.nextAt).toBeNull();
  });
});
