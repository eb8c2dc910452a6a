import { createHash } from 'node:crypto';
import type { Role } from '../model';

/** Below U+0300 every character is NFC-stable (no combining marks): such text needs no normalize(). */
const MAY_CHANGE_UNDER_NFC = /[\u0300-\uffff]/;
const TRAILING_SPACES = /[ \t\u00a0]+(?=\n|$)/g;

/**
 * The text form that identity is computed over: Unicode NFC, LF line ends, trailing
 * white space trimmed on every line, and leading/trailing blank lines dropped. Two
 * exports of the same message (macOS vs Linux, v1 vs v2, repaired vs clean) normalize
 * to the same string, so they hash to the same key.
 *
 * Every step first checks whether it has anything to do: this runs once per message of
 * every import, and most messages are already in normal form.
 */
export function normalizeText(text: string): string {
  let t = MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize('NFC') : text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (hasTrailingSpace(t)) t = t.replace(TRAILING_SPACES, '');
  return trimNewlines(t);
}

/** `includes` scans at memchr speed; a regex with a class at its start tests every position. */
function hasTrailingSpace(t: string): boolean {
  const last = t.charCodeAt(t.length - 1);
  return (
    last === 0x20 ||
    last === 0x09 ||
    last === 0xa0 ||
    t.includes(' \n') ||
    t.includes('\t\n') ||
    t.includes('\u00a0\n')
  );
}

function trimNewlines(t: string): string {
  let start = 0;
  let end = t.length;
  while (start < end && t.charCodeAt(start) === 10) start++;
  while (end > start && t.charCodeAt(end - 1) === 10) end--;
  return start === 0 && end === t.length ? t : t.slice(start, end);
}

/** The global dedup key: SHA-256 over the role and the normalized text (hex). */
export function contentHash(role: Role, text: string): string {
  return createHash('sha256').update(role).update('\0').update(normalizeText(text)).digest('hex');
}
