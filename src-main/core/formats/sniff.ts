import type { SourceKind } from '../model';
import { isUtf8 } from 'node:buffer';
import { decodeExportBytes, mayHoldMojibake } from './encoding-repair';
import { BOOKKEEPING_TYPES } from './jsonl-transcript';
import {
  ASSISTANT_EVIDENCE,
  BANNER_EVIDENCE,
  COMPACTION_RULE,
  PROMPT_EVIDENCE,
  TOOL_RESULT,
} from './markers';

/**
 * Identify a file by its content, never by its name: people rename exports, and Claude
 * Code's own file names say nothing about the format. Only the head of the file is read.
 */

/** How many leading lines of a transcript are checked. */
const TRANSCRIPT_PROBE_LINES = 8;
/** Above this share of control bytes the head is binary, not text. */
const MAX_CONTROL_RATIO = 0.02;

/**
 * Given the first bytes of a file (up to 64 KiB), say whether it is a Claude Code /export
 * text, a Claude Code JSONL transcript, or neither (null).
 */
export function sniffKind(head: Buffer): SourceKind | null {
  const utf16 = hasUtf16Bom(head);
  if (head.length === 0 || (!utf16 && isBinary(head))) return null;
  const body = stripUtf8Bom(head);
  if (!utf16 && startsLikeJson(body) && looksLikeTranscript(body.toString('utf8'))) return 'transcript';
  const quick = utf16 ? undefined : quickLook(body);
  if (quick !== undefined) return quick ? 'export' : null;
  // Repair first: a mojibake'd banner or marker would otherwise not be recognised. Most exports
  // show their banner or first exchange within a few kilobytes: decide on those when possible.
  if (head.length > QUICK_BYTES && looksLikeExport(decodeExportBytes(head.subarray(0, QUICK_BYTES)).text))
    return 'export';
  return looksLikeExport(decodeExportBytes(head).text) ? 'export' : null;
}

const QUICK_BYTES = 8 * 1024;

/**
 * How much of the head the first, cheapest look covers. An export's banner (or its first
 * prompt and reply) sits in its first few hundred bytes; decoding and repairing the whole
 * head to find it was most of what discovery spent on an export.
 */
const FIRST_LINES_BYTES = 1024;

/**
 * The export evidence that needs no decoding work: the whole lines within the first
 * FIRST_LINES_BYTES, when they are valid UTF-8, judged without repair and counting only
 * lines that repair cannot change (see `mayHoldMojibake`). Such a line is the same line in
 * the fully decoded and repaired head: a cut at a line feed splits no UTF-8 sequence and no
 * line, and the v2 logo restoration only turns one logo character into another. So this
 * says true only where the full reading would. It says false only for a short head it saw
 * whole with nothing to repair, where the full reading is this very one; otherwise, when it
 * finds nothing, it leaves the decision to the full reading (undefined).
 */
function quickLook(body: Buffer): boolean | undefined {
  const whole = body.length <= FIRST_LINES_BYTES;
  const end = whole ? body.length : body.lastIndexOf(0x0a, FIRST_LINES_BYTES - 1) + 1;
  if (end === 0) return undefined;
  const lines = body.subarray(0, end);
  if (!isUtf8(lines)) return undefined;
  const text = lines.toString('utf8');
  if (!mayHoldMojibake(text)) return looksLikeExport(text) || (whole ? false : undefined);
  return looksLikeExport(text, (line) => !mayHoldMojibake(line)) || undefined;
}

/** A JSONL transcript's first non-blank byte is `{`; checking that spares parsing every text file as JSON. */
function startsLikeJson(b: Buffer): boolean {
  for (const byte of b) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b;
  }
  return false;
}

function hasUtf16Bom(b: Buffer): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

function stripUtf8Bom(b: Buffer): Buffer {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

/** 1 for the control bytes text does not hold: below 0x20 all but tab, newline, form feed, CR and ESC; and DEL. */
const BINARY_CONTROL: Uint8Array = Uint8Array.from({ length: 256 }, (_, b) =>
  (b < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d, 0x1b].includes(b)) || b === 0x7f ? 1 : 0,
);

/** NUL bytes, or many control bytes other than tab/newline/CR/form feed/escape. */
function isBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  // A table and an indexed loop: every candidate's head passes through here, and a for…of
  // over the Buffer with the comparisons inline took three times as long per byte.
  let controls = 0;
  for (let i = 0; i < head.length; i++) controls += BINARY_CONTROL[head[i]];
  return controls / head.length > MAX_CONTROL_RATIO;
}

// ---------------------------------------------------------------------------------------
// Transcript

/**
 * Judged by the lines that parse: real transcripts hold lines cut by a crash, a sync tool or
 * hand redaction, and one such line must not hide the whole file. Every probed line must
 * still start with `{` (other text is not JSONL), those that parse must be objects, more must
 * parse than not, and at least one must look like Claude Code's: a `type` with a session id
 * or uuid, or a known bookkeeping type. The last line may be cut by the head limit.
 */
function looksLikeTranscript(text: string): boolean {
  const lines = text.split('\n');
  const complete = lines
    .slice(0, -1)
    .filter((l) => l.trim() !== '')
    .slice(0, TRANSCRIPT_PROBE_LINES);
  if (complete.length === 0) return looksLikeTruncatedLine(lines[lines.length - 1] ?? '');
  let evidence = false;
  let valid = 0;
  for (const line of complete) {
    // Cheap rejection first: notes and Markdown never start with `{`, and a failed JSON.parse costs far more.
    if (!line.trimStart().startsWith('{')) return false;
    const value = tryParse(line);
    if (value === undefined) continue;
    if (!isObject(value)) return false;
    valid++;
    evidence ||= isTranscriptLine(value);
  }
  return evidence && valid > complete.length - valid;
}

function isTranscriptLine(o: Record<string, unknown>): boolean {
  if (typeof o.type !== 'string') return false;
  return typeof o.sessionId === 'string' || typeof o.uuid === 'string' || BOOKKEEPING_TYPES.has(o.type);
}

/** A first line longer than the head (a big tool result): judge the fragment by its keys. */
function looksLikeTruncatedLine(fragment: string): boolean {
  const s = fragment.trimStart();
  return s.startsWith('{"') && /"type"\s*:\s*"[\w-]+"/.test(s) && /"(?:sessionId|uuid)"\s*:\s*"/.test(s);
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------
// Export

/**
 * Structural evidence only: a banner line, or an assistant line together with a prompt
 * line (or a tool result or compaction rule). Notes that merely talk about Claude Code, or
 * Markdown with a quote, do not qualify. `text` is decoded and repaired; `counts` says which
 * lines may serve as evidence (all of them unless the caller knows better).
 */
export function looksLikeExport(text: string, counts: (line: string) => boolean = () => true): boolean {
  let assistant = false;
  let partner = false;
  for (const line of text.split(/\r?\n/)) {
    if (!counts(line)) continue;
    if (BANNER_EVIDENCE.some((re) => re.test(line))) return true;
    assistant ||= ASSISTANT_EVIDENCE.test(line);
    partner ||= PROMPT_EVIDENCE.test(line) || TOOL_RESULT.test(line) || COMPACTION_RULE.test(line);
    if (assistant && partner) return true;
  }
  return false;
}
