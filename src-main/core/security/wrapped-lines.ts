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

/**
 * A break inside a token: the line before is long (wrapped near its width; below 60 columns it
 * was ended by hand) and ends in a token character, the next continues with one after its
 * indentation, and that continuation is not the name of a new `NAME=value` / `key: value`
 * (a `.env` listing: each line its own secret, never one long one).
 */
// The break comes first and the long line is checked looking back from it: a look-behind
// first would be tried (and scan back to the line start) at every character of the text.
const WRAP_BREAK =
  /\r?\n(?<=^[^\n]{59,}[A-Za-z0-9_+/~.%=-]\r?\n)[ \t]*(?=[A-Za-z0-9_+/~.%-])(?![\w+/~.%-]*[:=][^\s=])/gm;

/** Cheap necessary condition: some line is long enough to have been wrapped. */
const LONG_LINE = /[^\n]{60}/;

export function joinWrappedLines(text: string): { joined: string; cuts: Cut[] } {
  if (!text.includes('\n') || !LONG_LINE.test(text)) return { joined: text, cuts: [] };
  const cuts: Cut[] = [];
  let removed = 0;
  const joined = text.replace(WRAP_BREAK, (brk: string, offset: number) => {
    cuts.push({ at: offset - removed, text: brk });
    removed += brk.length;
    return '';
  });
  return { joined, cuts };
}

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
