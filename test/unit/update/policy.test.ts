import { describe, expect, it } from 'vitest';
import type { InstallFacts, InstallKind } from '../../../src-main/core/update/policy';
import {
  channelOptions,
  CHECK_INTERVAL_MS,
  decideUpdater,
  delayUntilNextCheck,
  FIRST_CHECK_DELAY_MS,
  nextCheckAt,
  parseChannel,
  rolloutBucket,
  withinRollout,
} from '../../../src-main/core/update/policy';

const installed = (installKind: InstallKind, more: Partial<InstallFacts> = {}): InstallFacts => ({
  host: 'electron',
  isPackaged: true,
  installKind,
  disabledByEnv: false,
  ...more,
});

describe('when to check', () => {
  it('checks 10 s after start, then every 6 hours after the last check', () => {
    expect(FIRST_CHECK_DELAY_MS).toBe(10_000);
    expect(CHECK_INTERVAL_MS).toBe(6 * 3600 * 1000);
    expect(nextCheckAt(1_000, null)).toBe(11_000);
    expect(nextCheckAt(1_000, 50_000)).toBe(50_000 + CHECK_INTERVAL_MS);
  });

  it('never waits a negative time when a check is overdue (e.g. after sleep)', () => {
    expect(delayUntilNextCheck(0, null, 3_000)).toBe(7_000);
    expect(delayUntilNextCheck(0, 0, CHECK_INTERVAL_MS * 3)).toBe(0);
  });
});

describe('channels', () => {
  it('stable reads latest*.yml without prereleases; beta reads beta*.yml with them', () => {
    expect(channelOptions('stable')).toEqual({
      channel: 'latest',
      allowPrerelease: false,
      allowDowngrade: false,
    });
    expect(channelOptions('beta')).toEqual({ channel: 'beta', allowPrerelease: true, allowDowngrade: false });
  });

  it('reads the setting leniently: anything but "beta" is stable', () => {
    expect(parseChannel('beta')).toBe('beta');
    for (const value of ['stable', 'BETA', undefined, null, 3]) expect(parseChannel(value)).toBe('stable');
  });
});

describe('when the updater is off', () => {
  it('runs for NSIS, DMG/zip and AppImage installs', () => {
    for (const kind of ['nsis', 'dmg', 'appimage'] as const)
      expect(decideUpdater(installed(kind))).toEqual({ enabled: true });
  });

  it.each([
    ['development', installed('nsis', { isPackaged: false })],
    ['development', installed('unpackaged')],
    ['preview', installed('nsis', { host: 'preview' })],
    ['msi', installed('msi')],
    ['portable', installed('portable')],
    ['linux-package', installed('linux-package')],
    ['env', installed('appimage', { disabledByEnv: true })],
  ] as const)('is disabled (%s)', (reason, facts) => {
    expect(decideUpdater(facts)).toEqual({ enabled: false, reason });
  });
});

describe('staged rollouts', () => {
  it('puts one machine in the same bucket every time, in [0, 1)', () => {
    const bucket = rolloutBucket('machine-a');
    expect(rolloutBucket('machine-a')).toBe(bucket);
    expect(bucket).toBeGreaterThanOrEqual(0);
    expect(bucket).toBeLessThan(1);
    expect(rolloutBucket('machine-b')).not.toBe(bucket);
  });

  it('spreads machines roughly evenly, so 25 % reaches about a quarter', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `machine-${i}`);
    const reached = ids.filter((id) => withinRollout(25, rolloutBucket(id))).length / ids.length;
    expect(reached).toBeGreaterThan(0.2);
    expect(reached).toBeLessThan(0.3);
  });

  it('honours stagingPercentage from latest.yml; a missing or bad one means everyone', () => {
    expect(withinRollout(10, 0.05)).toBe(true);
    expect(withinRollout(10, 0.1)).toBe(false);
    expect(withinRollout(0, 0)).toBe(false);
    expect(withinRollout(100, 0.9999)).toBe(true);
    expect(withinRollout('50', 0.4)).toBe(true);
    expect(withinRollout(undefined, 0.99)).toBe(true);
    expect(withinRollout('lots', 0.99)).toBe(true);
  });

  it('a machine inside a rollout stays inside as the percentage grows', () => {
    const bucket = rolloutBucket('machine-grow');
    const first = [1, 5, 10, 25, 50, 75, 100].findIndex((p) => withinRollout(p, bucket));
    const later = [1, 5, 10, 25, 50, 75, 100].slice(first);
    expect(later.every((p) => withinRollout(p, bucket))).toBe(true);
  });
});
