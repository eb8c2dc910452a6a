import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/**
 * Turning the bytes of an `/export` file into the text Claude Code meant. Two kinds of
 * damage are common in the wild and both are repaired here, never by dropping content:
 *  - stray bytes that are not UTF-8 at all (a lone 0xA9 for ©, a Windows-1252 file);
 *  - mojibake: UTF-8 text that went through a Mac Roman or Windows-1252 decoder and was
 *    saved again (`⏺` shows as `‚è∫` or `â�º`).
 */

export interface DecodedText {
  text: string;
  repairs: { mojibake: 'macroman' | 'cp1252' | null; strayBytes: number };
}

type Charset = 'macroman' | 'cp1252';
const CHARSETS: readonly Charset[] = ['macroman', 'cp1252'];

/** Decode file bytes: BOM stripped, stray bytes decoded as Windows-1252, mojibake repaired. */
export function decodeExportBytes(buf: Buffer): DecodedText {
  const { text, strayBytes } = decodeBytes(buf);
  const repaired = repairMojibake(text);
  return { text: repaired.text, repairs: { mojibake: repaired.mojibake, strayBytes } };
}

/**
 * Every UTF-8 lead byte (0xC2–0xF4) decoded as Windows-1252 is a Latin-1 letter (À–ÿ); as Mac
 * Roman it is one of the symbols below. A text with none of them cannot be mojibake, and the
 * clean exports that are most of the input skip the expensive per-line search.
 */
const MOJIBAKE_LEADS =
  /[\u00a0\u00a4\u00ac\u00ab\u00bb\u00b7\u00c0-\u00ff\u0152\u0153\ufffd\u0131\u0178\u0192\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u2044\u20ac\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u222b\u2248\u2260\u2264\u2265\u25ca\uf8ff\ufb01\ufb02]/;

/**
 * Whether repair could change anything in `text`. False means the text has no character a
 * UTF-8 lead byte becomes under either damaging decoder, so every repaired sequence (which
 * starts with one) is impossible: the line comes out of `repairMojibake` exactly as it went
 * in, whatever charset the rest of the file makes it pick.
 */
export function mayHoldMojibake(text: string): boolean {
  return MOJIBAKE_LEADS.test(text);
}

/**
 * Undo one charset's mojibake. The charset is chosen for the whole text (the one whose
 * round trip finds more UTF-8 sequences, at least one of them three bytes or longer), then
 * each line is repaired on its own, and within a line only the character runs that form
 * valid UTF-8: a file where only some lines or words were damaged (appended to, pasted
 * into) keeps its clean parts, and characters that fit no sequence are kept as they are.
 */
export function repairMojibake(text: string): { text: string; mojibake: Charset | null } {
  // Stricter than mayHoldMojibake: a whole text is repaired only if it has a 3-byte sequence.
  if (!hasMojibakeSignature(text)) return { text, mojibake: null };
  const lines = text.split('\n');
  const charset = pickCharset(lines);
  if (!charset) return { text, mojibake: null };
  let changed = false;
  const out = lines.map((line) => {
    const fixed = restoreLogo(repairLineOnce(line, charset), charset);
    if (fixed !== line) changed = true;
    return fixed;
  });
  return changed ? { text: out.join('\n'), mojibake: charset } : { text, mojibake: null };
}

// ---------------------------------------------------------------------------------------
// Bytes to text

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

function decodeBytes(buf: Buffer): { text: string; strayBytes: number } {
  if (startsWith(buf, BOM_UTF8)) return decodeUtf8Lenient(buf.subarray(3));
  // Windows tools (PowerShell redirection) write UTF-16 with a BOM.
  if (startsWith(buf, [0xff, 0xfe]))
    return { text: iconv.decode(buf.subarray(2), 'utf16-le'), strayBytes: 0 };
  if (startsWith(buf, [0xfe, 0xff]))
    return { text: iconv.decode(buf.subarray(2), 'utf16-be'), strayBytes: 0 };
  return decodeUtf8Lenient(buf);
}

function startsWith(buf: Buffer, prefix: readonly number[]): boolean {
  return buf.length >= prefix.length && prefix.every((b, i) => buf[i] === b);
}

/**
 * UTF-8 where every byte that is not part of a valid sequence is read as Windows-1252
 * (Latin-1 for its five holes) instead of U+FFFD: such bytes are almost always a legacy
 * 8-bit character (0xA9 = ©), and this keeps them readable and hashable.
 */
function decodeUtf8Lenient(buf: Buffer): { text: string; strayBytes: number } {
  if (isUtf8(buf)) return { text: buf.toString('utf8'), strayBytes: 0 };
  const parts: string[] = [];
  let start = 0;
  let strayBytes = 0;
  let i = 0;
  while (i < buf.length) {
    if (buf[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    parts.push(buf.toString('utf8', start, i), STRAY_CHARS[buf[i] - 0x80]);
    strayBytes++;
    start = ++i;
  }
  parts.push(buf.toString('utf8', start));
  return { text: parts.join(''), strayBytes };
}

/** Length of the valid UTF-8 sequence at `i` (WHATWG rules: no overlongs, no surrogates), or 0. */
function utf8SequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i];
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + n > buf.length) return 0;
  if (buf[i + 1] < lo || buf[i + 1] > hi) return 0;
  for (let k = 2; k < n; k++) if (buf[i + k] < 0x80 || buf[i + k] > 0xbf) return 0;
  return n;
}

/** Bytes 0x80..0xFF as Windows-1252 characters; its undefined bytes fall back to Latin-1. */
const STRAY_CHARS: readonly string[] = Array.from({ length: 128 }, (_, k) => {
  const s = iconv.decode(Buffer.from([0x80 + k]), 'win1252');
  return s === '\ufffd' ? String.fromCharCode(0x80 + k) : s;
});

// ---------------------------------------------------------------------------------------
// Mojibake

/** Stands for a byte a Windows-1252 decoder could not map and printed as U+FFFD. */
const UNKNOWN_BYTE = -1;
/** The bytes Windows-1252 leaves undefined: one of them hides behind each such U+FFFD. */
const CP1252_HOLES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** Character -> the byte the damaging decoder read it from (only bytes >= 0x80). */
const ENCODE: Record<Charset, ReadonlyMap<number, number>> = {
  macroman: buildEncodeTable('macintosh', [
    [0x20ac, 0xdb], // Mac OS 8.5+ put € where older tables (and iconv-lite) have ¤
    [0xf8ff, 0xf0], // the Apple logo
  ]),
  cp1252: buildEncodeTable('win1252', [
    // Latin-1 decoders (and WHATWG's windows-1252) print C1 controls instead of U+FFFD.
    ...Array.from({ length: 32 }, (_, k): [number, number] => [0x80 + k, 0x80 + k]),
    [0xfffd, UNKNOWN_BYTE],
  ]),
};

function buildEncodeTable(name: string, extra: Array<[number, number]>): Map<number, number> {
  const table = new Map<number, number>();
  for (let b = 0x80; b <= 0xff; b++) {
    const cp = iconv.decode(Buffer.from([b]), name).codePointAt(0) ?? 0xfffd;
    if (cp !== 0xfffd) table.set(cp, b);
  }
  for (const [cp, b] of extra) if (!table.has(cp)) table.set(cp, b);
  return table;
}

/**
 * Code points a repaired sequence may decode to. Real text in exports is Latin, Greek,
 * Cyrillic, the symbol blocks Claude Code draws with, CJK and emoji; anything else (an
 * Armenian letter from "l’école" read as Mac Roman) means the "mojibake" was genuine text.
 * Combining marks are left out on purpose: Mac Roman reads cp1252-style "Ã©" as one.
 * Mac Roman's two-byte leads include curly quotes and dashes, so Greek/Cyrillic results
 * from it would mostly be French or English punctuation followed by an accented letter.
 */
const PLAUSIBLE_COMMON: ReadonlyArray<[number, number]> = [
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A/B
  [0x2000, 0x2bff], // punctuation, arrows, math, technical (⏺ ⎿), box drawing, blocks, dingbats
  [0x3000, 0x30ff], // CJK punctuation, kana
  [0x4e00, 0x9fff], // CJK ideographs
  [0xac00, 0xd7af], // Hangul
  [0xfe00, 0xfe0f], // variation selectors (ℹ️)
  [0xff00, 0xffef], // full-width forms
  [0xfffd, 0xfffd], // U+FFFD itself: the text held one (a byte lost before the export)
  [0x1f000, 0x1faff], // emoji
];
const PLAUSIBLE: Record<Charset, ReadonlyArray<[number, number]>> = {
  macroman: PLAUSIBLE_COMMON,
  cp1252: [...PLAUSIBLE_COMMON, [0x0370, 0x04ff]],
};

/**
 * Characters Claude Code draws, and common punctuation: preferred when a U+FFFD leaves
 * several readings open (E2 80 + hole is ” or one of four invisible spaces and marks).
 */
const PREFERRED = new Set(
  [...'⏺⎿●❯✻※·…═─│╭╮╰╯▐▛█▜▌▝▘▗▖▙▟▚▞▀▄✅❌✓✗✔✘⚠→←↑↓•”'].map((c) => c.codePointAt(0) ?? 0),
);

/** Invisible spaces and format marks: the least likely reading of an ambiguous sequence. */
function isInvisible(cp: number): boolean {
  return (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) || (cp >= 0x205f && cp <= 0x206f);
}

/**
 * A repair needs a sequence of three or more bytes (see pickCharset): a character a damaging
 * decoder made of a lead byte E0–F4, then two made of continuation bytes 80–BF. Text without
 * such a triple in either charset cannot be repaired, and the clean exports that are most of
 * the input skip the per-line search. Built from the same tables the repair uses; a lookup
 * per character is several times faster than a pattern with these classes.
 */
const LEAD = new Uint8Array(0x10000);
const CONT = new Uint8Array(0x10000);
CHARSETS.forEach((charset, k) => {
  const bit = 1 << k;
  for (const [cp, b] of ENCODE[charset]) {
    if (cp > 0xffff) continue; // both charsets decode to the BMP only
    if (b >= 0xe0 && b <= 0xf4) LEAD[cp]! |= bit;
    if ((b >= 0x80 && b <= 0xbf) || b === UNKNOWN_BYTE) CONT[cp]! |= bit;
  }
});

function hasMojibakeSignature(text: string): boolean {
  for (let i = 0; i + 2 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (LEAD[c]! & CONT[text.charCodeAt(i + 1)]! & CONT[text.charCodeAt(i + 2)]!) return true;
  }
  return false;
}

function isPlausible(cp: number, charset: Charset): boolean {
  return PLAUSIBLE[charset].some(([lo, hi]) => cp >= lo && cp <= hi);
}

/**
 * The v2 banner logo mixes ▐ and ▝, which a Windows-1252 decoder both turned into U+FFFD
 * (bytes 0x90 and 0x9D): no rule can tell them apart, but the logo's shape is known.
 */
const LOGO_ROWS = [' ▐▛███▜▌', '▝▜█████▛▘', '  ▘▘ ▝▝'];
const LOGO_HOLES = '▁▍▏▐▝';

function restoreLogo(line: string, charset: Charset): string {
  if (charset !== 'cp1252') return line;
  for (const row of LOGO_ROWS) {
    const head = [...line.slice(0, row.length)];
    const same =
      head.length === row.length &&
      [...row].every((c, k) => c === head[k] || (LOGO_HOLES.includes(c) && LOGO_HOLES.includes(head[k])));
    if (same) return row + line.slice(row.length);
  }
  return line;
}

/**
 * The charset whose round trip finds the most UTF-8 sequences in the text, if any. It must
 * also find a sequence of three or more bytes: every damaged export has them (⏺, ⎿, …),
 * while genuine text yields at most a stray two-byte pair ("…é" read as Mac Roman).
 */
function pickCharset(lines: readonly string[]): Charset | null {
  let best: Charset | null = null;
  let bestCount = 0;
  for (const charset of CHARSETS) {
    let count = 0;
    let strong = 0;
    for (const line of lines) {
      const r = repairLine(line, charset);
      [count, strong] = [count + r.fixed, strong + r.strong];
    }
    if (strong > 0 && count > bestCount) [best, bestCount] = [charset, count];
  }
  return best;
}

/**
 * Repair a line, keeping the result only if it has fewer mojibake signatures than the line
 * had, so genuine text is never made worse. One pass only: a second pass would "repair"
 * genuine pairs such as "…é" that happen to form UTF-8 once encoded.
 */
function repairLineOnce(line: string, charset: Charset): string {
  const first = repairLine(line, charset);
  if (first.fixed === 0) return line;
  return repairLine(first.text, charset).fixed < first.fixed ? first.text : line;
}

/**
 * One pass over a line: every run of characters the charset can encode is turned back into
 * bytes, and each valid UTF-8 sequence in those bytes replaces the characters it came from.
 * Bytes that form no sequence keep their original character, so nothing is lost.
 */
function repairLine(line: string, charset: Charset): Tally & { text: string } {
  const tally: Tally = { fixed: 0, strong: 0 };
  if (!/[^\x00-\x7f]/.test(line)) return { text: line, ...tally };
  const table = ENCODE[charset];
  const out: string[] = [];
  let run: { chars: string[]; bytes: number[] } = { chars: [], bytes: [] };
  const flush = (): void => {
    decodeRun(run.chars, run.bytes, charset, out, tally);
    run = { chars: [], bytes: [] };
  };
  for (const ch of line) {
    const byte = table.get(ch.codePointAt(0) ?? 0);
    if (byte === undefined) {
      flush();
      out.push(ch);
    } else {
      run.chars.push(ch);
      run.bytes.push(byte);
    }
  }
  flush();
  return { text: out.join(''), ...tally };
}

/** Sequences repaired, and how many of them were three or four bytes long. */
interface Tally {
  fixed: number;
  strong: number;
}

/** Decode the sequences in one run into `out`, counting them in `tally`. */
function decodeRun(chars: string[], bytes: number[], charset: Charset, out: string[], tally: Tally): void {
  let i = 0;
  while (i < bytes.length) {
    const seq = decodeSequence(bytes, i, charset);
    if (seq) {
      out.push(String.fromCodePoint(seq.cp));
      tally.fixed++;
      if (seq.length >= 3) tally.strong++;
      i += seq.length;
    } else out.push(chars[i++]);
  }
}

/** The plausible code point a UTF-8 sequence at `i` encodes, trying each hole for U+FFFD. */
function decodeSequence(bytes: number[], i: number, charset: Charset): { cp: number; length: number } | null {
  const lead = bytes[i];
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  if (length === 0 || i + length > bytes.length) return null;
  let best: { cp: number; rank: number } | null = null;
  for (const candidate of expandUnknown(bytes.slice(i, i + length))) {
    const cp = utf8CodePoint(candidate);
    if (cp === null || !isPlausible(cp, charset)) continue;
    const rank = PREFERRED.has(cp) ? 0 : isInvisible(cp) ? 2 : 1;
    if (!best || rank < best.rank) best = { cp, rank };
  }
  return best && { cp: best.cp, length };
}

/** Every byte sequence a sequence with U+FFFD placeholders could have been. */
function expandUnknown(seq: number[]): number[][] {
  let results: number[][] = [[]];
  for (const b of seq) {
    const options = b === UNKNOWN_BYTE ? CP1252_HOLES : [b];
    results = results.flatMap((prefix) => options.map((o) => [...prefix, o]));
  }
  return results;
}

function utf8CodePoint(seq: number[]): number | null {
  return utf8SequenceLength(Uint8Array.from(seq), 0) === seq.length
    ? (Buffer.from(seq).toString('utf8').codePointAt(0) ?? null)
    : null;
}
