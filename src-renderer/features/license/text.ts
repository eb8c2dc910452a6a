/** Words for the license states: a short label and a tone; the full sentence comes from the app. */
import type { LicenseView } from './store';

export const STATE_LABEL: Record<LicenseView['state'], string> = {
  valid: 'Valid',
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  'wrong-product': 'Another product',
  'too-many-machines': 'Too many machines',
  revoked: 'Revoked',
  'bad-signature': 'Not genuine',
  malformed: 'Not a license key',
};

export function stateTone(state: LicenseView['state']): 'success' | 'warning' | 'danger' {
  if (state === 'valid') return 'success';
  return state === 'expired' || state === 'not-yet-valid' ? 'warning' : 'danger';
}

/**
 * What an unlicensed copy may do: everything. CODITECT keeps the user's own memory; holding it
 * back would punish the user, not the misuse. The license names the organisation and its
 * seats, and unlocks nothing that is otherwise locked.
 */
export const UNLICENSED_SENTENCE =
  'Without a license CODITECT still does everything — import, search, checkpoints and git. Settings shows “Unlicensed” until a key is activated.';

export function expiryText(expires: string | null): string {
  return expires ? expires.slice(0, 10) : 'never (perpetual)';
}
