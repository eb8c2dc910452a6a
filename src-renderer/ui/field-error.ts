/**
 * An error shown beside its field: the field's label is right there, so the code name the
 * main process prefixes ("root: …", "logMaxLines: …") is dropped and the rest reads as a sentence.
 */
import type { IpcError } from '../bridge/types';

export function fieldErrorText(e: Pick<IpcError, 'message' | 'field' | 'code'>): string {
  const text = (e.message || e.code).trim();
  const prefix = e.field ? `${e.field}: ` : null;
  const rest = prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text;
  return sentence(rest);
}

function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}
