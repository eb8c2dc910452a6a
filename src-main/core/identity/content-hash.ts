import { createHash } from 'node:crypto';
import type { Role } from '../model';

/**
 * The text form that identity is computed over: Unicode NFC, LF line ends, trailing
 * white space trimmed on every line, and leading/trailing blank lines dropped. Two
 * exports of the same message (macOS vs Linux, v1 vs v2, repaired vs clean) normalize
 * to the same string, so they hash to the same key.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

/** The global dedup key: SHA-256 over the role and the normalized text (hex). */
export function contentHash(role: Role, text: string): string {
  return createHash('sha256').update(role).update('\0').update(normalizeText(text)).digest('hex');
}
