/**
 * Exports are terminal text hard-wrapped at the terminal's width (80 columns mostly), and a
 * long token is cut wherever the column ends: `ghp_…` on one line, its tail on the next,
 * indented. A pattern that sees either half alone misses the secret or leaves its tail. So
 * the patterns run on a joined view where such breaks are removed, and the breaks that no
 * redaction swallowed are put back afterwards: the text keeps its lines.
 */

/** A removed line break: `text` was at `at` in the original and is not in the joined view. */
export interface Cut {
  readonly at: number;
  readonly text: string;
}

/** A change the patterns made to the joined view: `removed` characters at `at` became `added`. */
export interface Edit {
  readonly at: number;
  readonly removed: number;
  readonly added: number;
}

/** Characters a token is made of (base64, base64url, hex, key prefixes, URL escapes). */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/~.%=-')
  TOKEN_CHAR[c.charCodeAt(0)] = 1;
const isTokenChar = (code: number) => code < 128 && TOKEN_CHAR[code] === 1;

/** Below this many characters a line was ended by hand, not wrapped at the terminal's width. */
const MIN_WRAPPED_LINE = 60;

/**
 * The line breaks inside a token, each as [start, end) of the break and the next line's
 * indentation: the line before is long and ends in a token character, the next continues with
 * one (not `=`) after its indentation, and that continuation is not the name of a new
 * `NAME=value` / `key: value` (a `.env` listing: each line its own secret, never one long one).
 * A loop over the line ends, not a regex: this runs on every message the prescreen passes.
 */
function wrapBreaks(text: string): [number, number][] {
  const breaks: [number, number][] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; start = nl + 1, nl = text.indexOf('\n', start)) {
    const lineEnd = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (lineEnd - start < MIN_WRAPPED_LINE || !isTokenChar(text.charCodeAt(lineEnd - 1))) continue;
    let next = nl + 1;
    while (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9) next++;
    if (!isTokenChar(text.charCodeAt(next)) || text.charCodeAt(next) === 61) continue;
    if (startsAssignment(text, next)) continue;
    breaks.push([lineEnd, next]);
  }
  return breaks;
}

/** `NAME=v…` or `key: v…` from `i`: a token run, then `=` or `:` and a value right after. */
function startsAssignment(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && isTokenChar(text.charCodeAt(j)) && text.charCodeAt(j) !== 61) j++;
  const sep = text.charCodeAt(j);
  if (sep !== 61 && sep !== 58) return false;
  const after = text.charCodeAt(j + 1);
  return !Number.isNaN(after) && after !== 32 && after !== 9 && after !== 10 && after !== 13 && after !== 61;
}

/**
 * The text with its wrap breaks removed, the cuts to put them back, and the lines that
 * continued a wrapped one (from their indentation on), one per line: where a token may start
 * that joining glued to the line before.
 */
export function joinWrappedLines(text: string): { joined: string; cuts: Cut[]; continuations: string } {
  const breaks = wrapBreaks(text);
  if (!breaks.length) return { joined: text, cuts: [], continuations: '' };
  const cuts: Cut[] = [];
  let joined = '';
  let continuations = '';
  let from = 0;
  for (const [at, end] of breaks) {
    joined += text.slice(from, at);
    cuts.push({ at: joined.length, text: text.slice(at, end) });
    const lineEnd = text.indexOf('\n', end);
    continuations += `${text.slice(end, lineEnd === -1 ? text.length : lineEnd)}\n`;
    from = end;
  }
  return { joined: joined + text.slice(from), cuts, continuations };
}

/**
 * The word on both sides of each wrap break (up to `reach` characters each way), joined, one
 * seam per line: what only a joined view would show, a token's prefix cut in two (`g` | `hp_…`).
 * Every prescreen literal is shorter than `reach` and holds no space before its last character,
 * so this is enough for the prescreen, and far less text than the lines themselves.
 */
export function wrapSeams(text: string, reach = 16): string {
  let seams = '';
  for (const [at, end] of wrapBreaks(text)) {
    let from = at;
    while (from > at - reach && from > 0 && !isSpace(text.charCodeAt(from - 1))) from--;
    let to = end;
    while (to < end + reach && to < text.length && !isSpace(text.charCodeAt(to))) to++;
    seams += `${text.slice(from, at)}${text.slice(end, to)}\n`;
  }
  return seams;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Carry the cuts through one pass of edits (in order, on the text the cuts refer to): a cut
 * inside a redacted value is gone with it, a later cut moves by what the edits before it added.
 */
export function shiftCuts(cuts: readonly Cut[], edits: readonly Edit[]): Cut[] {
  if (!cuts.length || !edits.length) return [...cuts];
  const out: Cut[] = [];
  let e = 0;
  let delta = 0;
  for (const cut of cuts) {
    while (e < edits.length && edits[e]!.at + edits[e]!.removed <= cut.at) {
      delta += edits[e]!.added - edits[e]!.removed;
      e++;
    }
    const edit = edits[e];
    if (edit && edit.at < cut.at) continue; // inside a redacted value
    out.push({ at: cut.at + delta, text: cut.text });
  }
  return out;
}

export function restoreCuts(text: string, cuts: readonly Cut[]): string {
  if (!cuts.length) return text;
  let out = '';
  let from = 0;
  for (const cut of cuts) {
    out += text.slice(from, cut.at) + cut.text;
    from = cut.at;
  }
  return out + text.slice(from);
}
