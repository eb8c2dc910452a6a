import type { LicensePayload } from './payload';

/** The reason for text that is not a key at all (as opposed to a key whose content is damaged). */
export const NOT_A_KEY = 'not in the form key/….…';

/** A clock far behind the newest time seen: someone may be stretching an expiry. */
export interface ClockFlag {
  rolledBack: boolean;
  /** The newest time ever seen, used instead of the clock when the clock is behind it. */
  newestSeen?: string;
  behindMs?: number;
}

/** Every verdict on a license key; each has one plain sentence (describeLicenseState). */
export type LicenseState =
  | { state: 'valid'; license: LicensePayload; clock: ClockFlag }
  | { state: 'expired'; license: LicensePayload; clock: ClockFlag }
  | { state: 'not-yet-valid'; license: LicensePayload; clock: ClockFlag }
  | { state: 'wrong-product'; license: LicensePayload; expected: string }
  | { state: 'too-many-machines'; license: LicensePayload; detail?: string }
  | { state: 'revoked'; license: LicensePayload; detail?: string }
  | { state: 'bad-signature' }
  | { state: 'malformed'; reason: string };

export type LicenseStateName = LicenseState['state'];

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'never');

export function describeLicenseState(s: LicenseState): string {
  return baseSentence(s) + clockSentence(s);
}

function baseSentence(s: LicenseState): string {
  switch (s.state) {
    case 'valid':
      return `Licensed to ${s.license.org} (${s.license.tier}, ${s.license.seats} seats), valid until ${day(s.license.expires)}.`;
    case 'expired':
      return `This license for ${s.license.org} expired on ${day(s.license.expires)}.`;
    case 'not-yet-valid':
      return `This license for ${s.license.org} starts on ${day(s.license.issued)}; it is not valid yet.`;
    case 'wrong-product':
      return `This key is for another product (${s.license.product}), not ${s.expected}.`;
    case 'too-many-machines':
      return `This license is already active on its maximum of ${s.license.maxMachines} machines; deactivate one first.`;
    case 'revoked':
      return `The license server says this license (${s.license.id}) is revoked or suspended.`;
    case 'bad-signature':
      return 'This key was not signed by CODITECT: it has been altered or is not genuine.';
    case 'malformed':
      // A buyer reads this: what a key looks like, not the format's notation.
      return s.reason === NOT_A_KEY
        ? 'This is not a CODITECT license key. Keys start with key/ and are one long line: paste the whole key your organisation sent you.'
        : `This is not a CODITECT license key (${s.reason}).`;
  }
}

function clockSentence(s: LicenseState): string {
  if (!('clock' in s) || !s.clock.rolledBack) return '';
  const days = Math.round((s.clock.behindMs ?? 0) / 86_400_000);
  return ` Your computer's clock is about ${days} day(s) behind a time already seen (${day(s.clock.newestSeen)}); that time is used instead.`;
}
