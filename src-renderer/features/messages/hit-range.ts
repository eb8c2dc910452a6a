/**
 * The search hit inside an opened message: a word the snippet marked (`[word]`), found
 * in the message as rendered (Markdown changes the text: the raw offsets do not apply), and
 * where it occurs more than once, the occurrence whose preceding words match the snippet's.
 * It is highlighted with the CSS Custom Highlight API: no element is added to the DOM React owns.
 */

const HIGHLIGHT = 'search-hit';

interface Mark {
  term: string;
  /** The snippet's text just before the mark, lowercase, spaces collapsed. */
  before: string;
}

/**
 * The marked runs of a snippet with the text before each, longest first (the most telling:
 * "layout" rather than "the"; a literal bracket in the message that is no mark is passed over
 * when it is not found).
 */
function snippetMarks(snippet: string | undefined): Mark[] {
  if (!snippet) return [];
  return [...snippet.matchAll(/\[([^[\]\n]{1,200})\]/g)]
    .map((m) => ({
      term: m[1]!.toLowerCase(),
      before: collapse(snippet.slice(0, m.index).replace(/[[\]…]/g, ' ')),
    }))
    .sort((a, b) => b.term.length - a.term.length);
}

function collapse(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}

/** The text nodes under `root` with their start offsets in the joined text. */
function textNodes(root: Element): { nodes: Text[]; starts: number[]; text: string } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += (n as Text).data;
  }
  return { nodes, starts, text };
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

function position(nodes: Text[], starts: number[], offset: number): { node: Text; offset: number } {
  let i = starts.length - 1;
  while (i > 0 && starts[i]! > offset) i--;
  return { node: nodes[i]!, offset: offset - starts[i]! };
}

/** A Range over the hit inside `root` (the message's body), or null when it is not there. */
export function findHitRange(root: Element, snippet: string | undefined): Range | null {
  const marks = snippetMarks(snippet);
  if (!marks.length) return null;
  const { nodes, starts, text } = textNodes(root);
  const lower = text.toLowerCase();
  for (const mark of marks) {
    const at = bestOccurrence(text, lower, mark);
    if (at < 0) continue;
    const start = position(nodes, starts, at);
    const end = position(nodes, starts, at + mark.term.length);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    return range;
  }
  return null;
}

/** Where the mark occurs, preferring the occurrence whose preceding words match the snippet's. */
function bestOccurrence(text: string, lower: string, mark: Mark): number {
  let best = -1;
  let bestScore = -1;
  for (let at = lower.indexOf(mark.term); at >= 0; at = lower.indexOf(mark.term, at + 1)) {
    const score = commonSuffix(collapse(text.slice(Math.max(0, at - 200), at)), mark.before);
    if (score > bestScore) {
      best = at;
      bestScore = score;
    }
  }
  return best;
}

export function showHit(range: Range): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  CSS.highlights.set(HIGHLIGHT, new Highlight(range));
}

export function clearHit(): void {
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(HIGHLIGHT);
}
