import crypto from 'node:crypto';
import { machineIdSync } from 'node-machine-id';

/**
 * The machine fingerprint sent to the license server: a salted SHA-256 of the OS machine
 * id, so the server can count machines without ever learning the raw id (which other
 * software could correlate).
 */
const FINGERPRINT_SALT = 'coditect-desktop/machine-fingerprint/v1';

export function fingerprintOf(rawMachineId: string, salt: string = FINGERPRINT_SALT): string {
  return crypto.createHash('sha256').update(`${salt}\0${rawMachineId}`).digest('hex');
}

export function machineFingerprint(): string {
  return fingerprintOf(machineIdSync(true));
}
