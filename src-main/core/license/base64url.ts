/**
 * Strict base64url (RFC 4648 §5, no padding). Node's decoder skips characters it does not
 * know and accepts padding, so "two different strings, one key" would slip through; a key
 * is accepted only when it is exactly the canonical encoding of its bytes.
 */
export function decodeBase64Url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function encodeBase64Url(bytes: Buffer | string): string {
  return Buffer.from(bytes).toString('base64url');
}
