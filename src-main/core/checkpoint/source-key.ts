/**
 * A source's identity in the git-tracked state, stable across machines and reindexes:
 * an export by its bytes, a transcript by its path.
 */
export function sourceKey(s: { kind: 'export' | 'transcript'; sha256: string | null; path: string }): string {
  return s.kind === 'export' ? `export:${s.sha256}` : `transcript:${s.path}`;
}
