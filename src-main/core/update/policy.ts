/**
 * The auto-update policy, as pure functions: when to check, which feed a channel reads, when
 * the updater must stay off, and whether this machine is inside a staged rollout. No electron
 * here, so the rules are unit-tested in plain Node; src-main/electron/updater.ts applies them.
 */
import { createHash } from 'node:crypto';

/** The first check waits for the app to settle (window shown, indexes opened). */
export const FIRST_CHECK_DELAY_MS = 10_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type UpdateChannel = 'stable' | 'beta';

/** How this copy of the app was installed, as far as the glue can tell. */
export type InstallKind = 'nsis' | 'msi' | 'portable' | 'dmg' | 'appimage' | 'linux-package' | 'unpackaged';

export type DisabledReason = 'development' | 'preview' | 'msi' | 'portable' | 'linux-package' | 'env';

export interface InstallFacts {
  host: 'electron' | 'preview';
  isPackaged: boolean;
  installKind: InstallKind;
  /** CODITECT_DISABLE_UPDATES set: an admin or a test switched updates off. */
  disabledByEnv: boolean;
}

export type UpdaterDecision = { enabled: true } | { enabled: false; reason: DisabledReason };

/** Ordered: the first matching rule names the reason shown to the user. */
export function decideUpdater(facts: InstallFacts): UpdaterDecision {
  if (facts.host === 'preview') return { enabled: false, reason: 'preview' };
  if (!facts.isPackaged || facts.installKind === 'unpackaged')
    return { enabled: false, reason: 'development' };
  if (facts.disabledByEnv) return { enabled: false, reason: 'env' };
  // MSI installs are IT-managed: updating them behind the admin's back would also leave a
  // second, NSIS-registered copy (electron-updater only knows how to run the NSIS installer).
  if (facts.installKind === 'msi') return { enabled: false, reason: 'msi' };
  // A portable exe has nowhere to install an update to.
  if (facts.installKind === 'portable') return { enabled: false, reason: 'portable' };
  // deb installs are root-owned; we update AppImages only and leave packages to their manager.
  if (facts.installKind === 'linux-package') return { enabled: false, reason: 'linux-package' };
  return { enabled: true };
}

export function disabledReasonText(reason: DisabledReason): string {
  switch (reason) {
    case 'development':
      return 'Updates are off in development builds.';
    case 'preview':
      return 'Updates are managed by the installed app, not the browser preview.';
    case 'msi':
      return 'This copy was installed from the MSI package: your IT department manages its updates.';
    case 'portable':
      return 'Portable copies do not update themselves: download the new version.';
    case 'linux-package':
      return 'Installed from a Linux package: update it with your package manager.';
    case 'env':
      return 'Updates were switched off by CODITECT_DISABLE_UPDATES.';
  }
}

/** When the next automatic check is due: 10 s after start, then 6 h after the last check. */
export function nextCheckAt(startedAt: number, lastCheckAt: number | null): number {
  return lastCheckAt === null ? startedAt + FIRST_CHECK_DELAY_MS : lastCheckAt + CHECK_INTERVAL_MS;
}

export function delayUntilNextCheck(startedAt: number, lastCheckAt: number | null, now: number): number {
  return Math.max(0, nextCheckAt(startedAt, lastCheckAt) - now);
}

export interface ChannelOptions {
  /** electron-updater's channel: the feed file it reads (latest*.yml or beta*.yml). */
  channel: 'latest' | 'beta';
  allowPrerelease: boolean;
  /**
   * Never install an older version: a beta user switching to stable stays on the beta build
   * until stable overtakes it, rather than being "downgraded" into lost data migrations.
   */
  allowDowngrade: false;
}

export function channelOptions(channel: UpdateChannel): ChannelOptions {
  return channel === 'beta'
    ? { channel: 'beta', allowPrerelease: true, allowDowngrade: false }
    : { channel: 'latest', allowPrerelease: false, allowDowngrade: false };
}

export function parseChannel(value: unknown): UpdateChannel {
  return value === 'beta' ? 'beta' : 'stable';
}

/**
 * This machine's place in [0, 1) for staged rollouts, derived from a stable machine id so
 * that every profile and every reinstall on one machine lands in the same bucket.
 */
export function rolloutBucket(machineId: string): number {
  const digest = createHash('sha256').update(`coditect-rollout:${machineId}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/**
 * Whether an update published with `stagingPercentage` (0–100, electron-builder's field in
 * latest*.yml) reaches this bucket. A missing or unreadable percentage means a full rollout,
 * as in electron-updater itself.
 */
export function withinRollout(stagingPercentage: unknown, bucket: number): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  const percent =
    typeof stagingPercentage === 'number' ? stagingPercentage : Number.parseFloat(String(stagingPercentage));
  if (!Number.isFinite(percent)) return true;
  return bucket < Math.min(100, Math.max(0, percent)) / 100;
}
