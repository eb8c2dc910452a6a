/**
 * What a person types into the search box, turned into an FTS5 query that cannot be an FTS5
 * syntax error. The syntax people know from web search:
 *   words          all of them (the last word typed also matches as a prefix: search as you type)
 *   a OR b         either
 *   "exact phrase" the words together, in that order
 *   -word, NOT word  without it
 *   word*          words beginning with it
 * Every word reaches FTS5 quoted, so an operator is never searched as a word (and never shows
 * up highlighted in a snippet) and punctuation cannot break the query. A query that cannot
 * mean anything gets a sentence saying why, instead of no results.
 */

export type ParsedQuery =
  { kind: 'empty' } | { kind: 'query'; fts: string } | { kind: 'invalid'; problem: string };

/** A query the user typed that cannot be searched; the message says what to change. */
export class InvalidSearchQuery extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'InvalidSearchQuery';
  }
}

type Token = { t: 'term'; fts: string; prefixable: boolean } | { t: 'or' } | { t: 'not' } | { t: 'and' };

interface Clause {
  /** Alternatives joined by OR: each an FTS5 term or phrase. */
  any: string[];
  negated: boolean;
}

export function parseSearchQuery(input: string): ParsedQuery {
  const lexed = lex(input);
  if (typeof lexed === 'string') return { kind: 'invalid', problem: lexed };
  const tokens = lexed;
  if (!tokens.some((k) => k.t === 'term')) {
    if (tokens.length === 0) return { kind: 'empty' };
    return { kind: 'invalid', problem: 'Type a word to look for: OR, AND and NOT only join words.' };
  }
  const clauses = toClauses(tokens, /\s$/.test(input));
  if (typeof clauses === 'string') return { kind: 'invalid', problem: clauses };
  const positive = clauses.filter((c) => !c.negated);
  if (!positive.length)
    return {
      kind: 'invalid',
      problem: 'Every word is excluded: add a word to look for, e.g. "import -draft".',
    };
  const group = (c: Clause) => (c.any.length > 1 ? `(${c.any.join(' OR ')})` : c.any[0]!);
  let fts = positive.map(group).join(' AND ');
  for (const c of clauses.filter((x) => x.negated)) fts = `(${fts}) NOT ${group(c)}`;
  return { kind: 'query', fts };
}

/** The FTS5 query for `input`; null when there is nothing to search; throws when invalid. */
export function toFtsQuery(input: string): string | null {
  const p = parseSearchQuery(input);
  if (p.kind === 'invalid') throw new InvalidSearchQuery(p.problem);
  return p.kind === 'query' ? p.fts : null;
}

function lex(input: string): Token[] | string {
  if ((input.match(/"/g) ?? []).length % 2 === 1)
    return 'A quotation mark is not closed: add the closing " or remove it.';
  const tokens: Token[] = [];
  const re = /(-?)"([^"]*)"(\*?)|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[2] !== undefined) {
      const words = wordsOf(m[2]);
      if (!words.length) continue;
      if (m[1]) tokens.push({ t: 'not' });
      tokens.push({ t: 'term', fts: quote(words.join(' ')) + (m[3] ? '*' : ''), prefixable: false });
      continue;
    }
    const raw = m[4]!;
    if (raw === 'OR' || raw === '|') tokens.push({ t: 'or' });
    else if (raw === 'NOT') tokens.push({ t: 'not' });
    // "and" is only glue between words: searching it would highlight every "and" in the snippets.
    else if (raw === 'AND' || raw === '&' || raw.toLowerCase() === 'and') tokens.push({ t: 'and' });
    else tokens.push(...wordTokens(raw));
  }
  return tokens;
}

/** `-word`, `word*`, or a word with punctuation inside (`foo.bar` is the phrase "foo bar"). */
function wordTokens(raw: string): Token[] {
  const negated = raw.length > 1 && raw.startsWith('-');
  const body = negated ? raw.slice(1) : raw;
  const starred = /\*$/.test(body);
  const words = wordsOf(body);
  if (!words.length) return [];
  const term: Token = {
    t: 'term',
    fts: quote(words.join(' ')) + (starred ? '*' : ''),
    prefixable: !starred && !negated && words.length === 1,
  };
  return negated ? [{ t: 'not' }, term] : [term];
}

function toClauses(tokens: Token[], endsWithSpace: boolean): Clause[] | string {
  const clauses: Clause[] = [];
  let pendingOr = false;
  let pendingNot = false;
  let lastTerm: Extract<Token, { t: 'term' }> | null = null;
  for (const k of tokens) {
    if (k.t === 'and') continue;
    if (k.t === 'not') {
      if (pendingOr) return 'OR cannot be followed by NOT or an excluded word: write "a OR b -c".';
      pendingNot = true;
      continue;
    }
    if (k.t === 'or') {
      if (!clauses.length || pendingOr) return 'OR needs a word on each side, e.g. "error OR warning".';
      if (clauses[clauses.length - 1]!.negated)
        return 'An excluded word cannot be part of OR: write "a OR b -c".';
      pendingOr = true;
      continue;
    }
    if (pendingOr) {
      clauses[clauses.length - 1]!.any.push(k.fts);
      pendingOr = false;
    } else {
      clauses.push({ any: [k.fts], negated: pendingNot });
    }
    pendingNot = false;
    lastTerm = k;
  }
  if (pendingOr) return 'OR needs a word on each side, e.g. "error OR warning".';
  if (pendingNot) return 'NOT needs a word after it, e.g. "import NOT draft".';
  // Search as you type: the word being typed matches its beginning.
  const last = clauses[clauses.length - 1];
  if (
    !endsWithSpace &&
    lastTerm?.prefixable &&
    last &&
    !last.negated &&
    tokens[tokens.length - 1] === lastTerm
  )
    last.any[last.any.length - 1] += '*';
  return clauses;
}

function wordsOf(text: string): string[] {
  return text
    .replace(/[^\p{L}\p{N}_]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
