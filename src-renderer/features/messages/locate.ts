/**
 * Finding a search hit inside a checkpoint or a session. A hit names its message by content
 * hash — SHA-256 over role, NUL and the normalized text (src-main/core/identity/content-hash.ts).
 * Rows whose text contains the snippet are checked against the hash; where Web Crypto is
 * missing the snippet match alone decides.
 */
function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

export async function contentHash(role: string, text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const data = new TextEncoder().encode(`${role}\0${normalizeText(text)}`);
  const digest = await subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The longest verbatim piece of the snippet: snippets mark hits with [ ] and join pieces with
 * '…'; splitting there also keeps literal brackets of the message out of the needle. Trailing
 * spaces are trimmed per line, as the normalized text has them trimmed.
 */
function snippetNeedle(snippet: string | undefined): string {
  if (!snippet) return '';
  const pieces = snippet
    .split(/[[\]…]/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.replace(/[ \t\u00a0]+$/u, ''))
        .join('\n')
        .trim(),
    )
    .filter((p) => p.length >= 3)
    .sort((a, b) => b.length - a.length);
  return pieces[0] ?? '';
}

export interface LocateTarget {
  hash: string;
  role?: string;
  snippet?: string;
}

/** Index of the first row that is the target message, or -1. */
export async function findInRows(
  rows: readonly { role: string; text: string }[],
  target: LocateTarget,
  useSnippet = true,
): Promise<number> {
  const needle = useSnippet ? snippetNeedle(target.snippet) : '';
  let fallback = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (target.role && r.role !== target.role) continue;
    if (needle && !normalizeText(r.text).includes(needle)) continue;
    const h = await contentHash(r.role, r.text);
    if (h === target.hash) return i;
    if (h === null && needle && fallback < 0) fallback = i;
  }
  return fallback;
}
