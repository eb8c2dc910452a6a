import os from 'node:os';
import { recordNow } from './clock-guard';
import { machineFingerprint } from './fingerprint';
import { activateMachine, deactivateMachine, validateKey } from './keygen-client';
import {
  readLicenseRecord,
  removeLicenseRecord,
  writeLicenseRecord,
  type LicenseRecord,
} from './license-record';
import { describeLicenseState, type LicenseState } from './license-state';
import { applyValidation, type OnlineNote } from './online-verdict';
import type { SecretBackend, SecretLocation, SecretStore } from './secret-store';
import type { ServerConfig } from './server-config';
import { verifyLicenseKey } from './verify-key';

/** What the license functions need; the app and the CLI build it the same way (license-context). */
export interface LicenseContext {
  configDir: string;
  publicKeyPem: string;
  server: ServerConfig | null;
  secrets: SecretStore;
  now?: () => Date;
  fingerprint?: () => string;
}

/** The answer the wizard's License step and `coditect license …` show. */
export interface LicenseReport {
  state: LicenseState;
  sentence: string;
  online: OnlineNote;
  stored?: SecretLocation;
  record?: LicenseRecord;
}

const OFFLINE_ONLY: OnlineNote = { checked: false, note: 'No license server configured: checked offline.' };

/** Offline check, then (when a server is configured) validate-key scoped to this machine. */
export async function checkLicense(ctx: LicenseContext, key: string): Promise<LicenseReport> {
  const now = (ctx.now ?? (() => new Date()))();
  const lastSeen = recordNow(ctx.configDir, now);
  const offline = verifyLicenseKey(key, ctx.publicKeyPem, { now, lastSeen });
  if (!ctx.server || !('license' in offline))
    return report(offline, ctx.server ? notChecked(offline) : OFFLINE_ONLY);
  const answer = await validateKey(ctx.server, key, fingerprint(ctx), offline.license.id);
  const { state, online } = applyValidation(offline, answer);
  return report(state, online);
}

/** Verify, activate this machine online when configured, then store the key. */
export async function activateLicense(ctx: LicenseContext, key: string): Promise<LicenseReport> {
  const checked = await checkLicense(ctx, key);
  if (checked.state.state !== 'valid') return checked;
  let machineId: string | undefined;
  let online = checked.online;
  if (ctx.server && checked.online.needsActivation) {
    const r = await activateOnline(ctx, key, checked.state.license.id);
    if (r.state) return report(r.state, r.online);
    machineId = r.machineId;
    online = r.online;
  }
  const stored = ctx.secrets.save(key.trim());
  const record: LicenseRecord = {
    licenseId: checked.state.license.id,
    activatedAt: new Date().toISOString(),
    machineId,
  };
  writeLicenseRecord(ctx.configDir, record);
  return { ...report(checked.state, online), stored, record };
}

async function activateOnline(
  ctx: LicenseContext,
  key: string,
  licenseId: string,
): Promise<{ state?: LicenseState; machineId?: string; online: OnlineNote }> {
  const answer = await activateMachine(ctx.server!, key, licenseId, fingerprint(ctx), os.hostname());
  if (answer.kind !== 'answer')
    return {
      online: {
        checked: false,
        failed: true,
        note: `Machine not activated online (${answer.reason}); the offline license is used.`,
      },
    };
  const a = answer.value;
  if (a.machineId)
    return {
      machineId: a.machineId,
      online: { checked: true, note: 'This machine is activated on the license server.' },
    };
  const verdict = await checkLicense(ctx, key);
  if (a.refused === 'MACHINE_LIMIT_EXCEEDED' && 'license' in verdict.state)
    return {
      state: { state: 'too-many-machines', license: verdict.state.license, detail: a.detail },
      online: verdict.online,
    };
  return {
    online: {
      checked: true,
      note: `The license server refused activation (${a.refused}${a.detail ? `: ${a.detail}` : ''}).`,
    },
  };
}

/** The stored key's current verdict, or null when no key is stored. */
export async function licenseStatus(ctx: LicenseContext): Promise<LicenseReport | null> {
  const found = ctx.secrets.read();
  if (!found) return null;
  const checked = await checkLicense(ctx, found.secret);
  return { ...checked, stored: found.location, record: readLicenseRecord(ctx.configDir) ?? undefined };
}

/** Deactivate online (when activated there), then forget the key and its record. */
export async function deactivateLicense(
  ctx: LicenseContext,
): Promise<{ removedFrom: SecretBackend[]; online: OnlineNote }> {
  const found = ctx.secrets.read();
  const rec = readLicenseRecord(ctx.configDir);
  let online: OnlineNote = { checked: false, note: 'No online activation to release.' };
  if (found && rec?.machineId && ctx.server) {
    const r = await deactivateMachine(ctx.server, found.secret, rec.machineId);
    online =
      r.kind === 'answer'
        ? { checked: true, note: 'This machine was released on the license server.' }
        : {
            checked: false,
            note: `Could not release this machine online (${r.reason}); release it from the license portal.`,
          };
  }
  const removedFrom = ctx.secrets.remove();
  removeLicenseRecord(ctx.configDir);
  return { removedFrom, online };
}

function report(state: LicenseState, online: OnlineNote): LicenseReport {
  return { state, sentence: describeLicenseState(state), online };
}

function notChecked(s: LicenseState): OnlineNote {
  return { checked: false, note: `Not sent to the license server: the key is ${s.state} offline.` };
}

function fingerprint(ctx: LicenseContext): string {
  return (ctx.fingerprint ?? machineFingerprint)();
}
