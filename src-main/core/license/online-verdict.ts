import type { ServerAnswer, Validation } from './keygen-client';
import type { LicenseState } from './license-state';

/** What the server said, in words, next to the (possibly changed) verdict. */
export interface OnlineNote {
  checked: boolean;
  /** Plain sentence: "confirmed by the license server", "server unreachable: offline verdict kept", … */
  note: string;
  needsActivation?: boolean;
  /** The server could not be asked, or its answer was refused: the verdict is the offline one. */
  failed?: boolean;
}

// Keygen validation codes that mean this machine is simply not activated yet.
const NEEDS_MACHINE = new Set(['NO_MACHINE', 'NO_MACHINES', 'FINGERPRINT_SCOPE_MISMATCH']);
const REVOKED = new Set(['SUSPENDED', 'BANNED', 'NOT_FOUND', 'REVOKED']);

/** Folds a validate-key answer into the offline verdict; only a signed answer can change it. */
export function applyValidation(
  offline: LicenseState,
  answer: ServerAnswer<Validation>,
): { state: LicenseState; online: OnlineNote } {
  if (answer.kind === 'unreachable')
    return {
      state: offline,
      online: {
        checked: false,
        failed: true,
        note: `License server not checked (${answer.reason}); the offline verdict stands.`,
      },
    };
  if (answer.kind === 'rejected')
    return {
      state: offline,
      online: {
        checked: false,
        failed: true,
        note: `License server answer rejected (${answer.reason}); the offline verdict stands.`,
      },
    };
  if (!('license' in offline))
    return { state: offline, online: { checked: true, note: 'Checked with the license server.' } };
  return fold(offline, answer.value);
}

function fold(
  offline: LicenseState & { license: unknown },
  v: Validation,
): { state: LicenseState; online: OnlineNote } {
  const license = offline.license as Extract<LicenseState, { state: 'valid' }>['license'];
  const online: OnlineNote = { checked: true, note: `License server: ${v.detail || v.code}.` };
  if (v.valid) return { state: offline, online };
  if (NEEDS_MACHINE.has(v.code)) return { state: offline, online: { ...online, needsActivation: true } };
  if (REVOKED.has(v.code)) return { state: { state: 'revoked', license, detail: v.detail }, online };
  if (v.code === 'TOO_MANY_MACHINES')
    return { state: { state: 'too-many-machines', license, detail: v.detail }, online };
  if (v.code === 'EXPIRED' && offline.state === 'valid')
    return { state: { state: 'expired', license, clock: offline.clock }, online };
  return { state: offline, online };
}
