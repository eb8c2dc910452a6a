/**
 * Search snippets: the store marks each hit as `[word]`. They are rendered as <mark> elements
 * from React text nodes — never as HTML. A bracketed run counts as a hit only when it matches a
 * query term, so literal brackets in the message (`[1, 2]`, Markdown links) stay text.
 */
import type { ReactNode } from 'react';

/** Glue between words in the search syntax (src-main/core/memory/fts-query.ts): never searched. */
const OPERATORS = new Set(['OR', 'NOT', 'AND', 'and', '|', '&']);

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((t) => t.length > 0);
}

/**
 * The words a query searches for, as the search syntax reads it: every word of a phrase (an
 * "and" inside quotes is searched, and marked), no operator, no excluded `-word`.
 */
function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    if (m[2] !== undefined) {
      if (!m[1]) terms.push(...wordsOf(m[2]));
      continue;
    }
    const raw = m[3]!;
    if (OPERATORS.has(raw) || (raw.length > 1 && raw.startsWith('-'))) continue;
    terms.push(...wordsOf(raw));
  }
  return terms;
}

function isHit(text: string, terms: string[]): boolean {
  if (terms.length === 0) return true;
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
  return words.some((w) => terms.some((t) => w.startsWith(t) || t.startsWith(w)));
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

function parseSnippet(snippet: string, query = ''): SnippetPart[] {
  const terms = queryTerms(query);
  const parts: SnippetPart[] = [];
  const re = /\[([^[\]\n]{1,200})\]/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (!isHit(m[1]!, terms)) continue;
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), hit: false });
    parts.push({ text: m[1]!, hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}

export function Highlight({ snippet, query }: { snippet: string; query?: string }): ReactNode {
  return (
    <>
      {parseSnippet(snippet, query).map((p, i) =>
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}
