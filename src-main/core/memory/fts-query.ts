/**
 * Turn what a person types into an FTS5 query that cannot be a syntax error: every word
 * becomes a quoted term (prefix-matched when it is the last one typed), joined by AND.
 * `"exact phrase"` stays a phrase.
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]+)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input))) {
    const phrase = m[1];
    const word = m[2]?.replace(/[^\p{L}\p{N}_]+/gu, ' ').trim();
    if (phrase?.trim()) terms.push(quote(phrase.trim()));
    else if (word) word.split(/\s+/).forEach((w) => terms.push(quote(w)));
  }
  if (!terms.length) return null;
  if (!/"$/.test(input.trimEnd()) && !/\s$/.test(input)) terms[terms.length - 1] += '*';
  return terms.join(' AND ');
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
