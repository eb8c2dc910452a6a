import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets } from '../security/redact-secrets';
import { writeFileAtomic } from '../workspace/atomic-write';
import { LOCAL_DIR_NAME } from '../workspace/memory-layout';
import { isInside } from './commit-plan';
import { LATIN1, type TextCodec, textCodecFor } from './text-codec';

/**
 * The last gate before a memory file is staged: no secret reaches a commit. The pipeline
 * redacts what it writes from message text, but `exports-archive/` holds the export files
 * as they were, and titles taken from a first prompt travel into file headers and indexes.
 * A file with secrets is redacted in place; its original is kept machine-locally under
 * `.local/unredacted/` (never committed), so nothing is lost on this machine.
 *
 * The text is read as the parser reads it: UTF-16 with a BOM (whose NUL bytes are not
 * "binary"), UTF-8 with or without a BOM, repaired mojibake; it is written back in the
 * encoding it came in. A file of any size passes, the large ones in pieces.
 *
 * `.jsonl` state files are skipped: they are written redacted line by line, and can be far
 * too large to read again on every commit.
 */
export interface GuardResult {
  file: string;
  redactions: number;
  keptAt: string;
}

/** Files up to this size are redacted in memory; larger ones pass through in pieces of it. */
const CHUNK_BYTES = 8 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export function guardMemoryFiles(memoryDir: string, files: readonly string[]): GuardResult[] {
  const local = path.join(memoryDir, LOCAL_DIR_NAME);
  const results: GuardResult[] = [];
  for (const file of files) {
    if (!isInside(file, memoryDir) || isInside(file, local) || file.endsWith('.jsonl')) continue;
    const r = guardFile(memoryDir, file);
    if (r) results.push(r);
  }
  return results;
}

function guardFile(memoryDir: string, file: string): GuardResult | null {
  let size: number;
  let head: Buffer;
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile()) return null;
    size = st.size;
    head = readHead(file);
  } catch {
    return null; // gone or unreadable: git add will say so
  }
  const codec = textCodecFor(head);
  if (!codec) return null; // binary: no text to redact
  if (size > CHUNK_BYTES) return guardLargeFile(memoryDir, file, codec);
  const bytes = fs.readFileSync(file);
  const redacted = file.endsWith('.json') && codec === LATIN1 ? redactJson(bytes) : redactText(bytes, codec);
  if (!redacted) return null;
  const keptAt = keepOriginal(memoryDir, file);
  writeFileAtomic(file, redacted.data);
  return { file, redactions: redacted.count, keptAt };
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    return buf.subarray(0, fs.readSync(fd, buf, 0, HEAD_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function redactText(bytes: Buffer, codec: TextCodec): { data: Buffer; count: number } | null {
  const bom = bytes.subarray(0, codec.bom.length);
  const r = redactBlocks(codec.decode(bytes.subarray(codec.bom.length)));
  return r.count ? { data: Buffer.concat([bom, codec.encode(r.text)]), count: r.count } : null;
}

/**
 * A file too large to hold twice: read in pieces cut where a line starts at its first column
 * (a wrapped token's continuation and a key block's lines are indented, so they stay with
 * their start), each piece redacted and written to a temporary file that replaces the
 * original only if something was redacted.
 */
function guardLargeFile(memoryDir: string, file: string, codec: TextCodec): GuardResult | null {
  const tmp = `${file}.guard-${process.pid}`;
  let count = 0;
  const input = fs.openSync(file, 'r');
  const output = fs.openSync(tmp, 'w', 0o644);
  try {
    let carry = Buffer.alloc(0);
    let position = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const n = fs.readSync(input, chunk, 0, CHUNK_BYTES, position);
      const start = position === 0 ? codec.bom.length : 0;
      if (start) fs.writeSync(output, chunk.subarray(0, start));
      position += n;
      const data = Buffer.concat([carry, chunk.subarray(start, n)]);
      const cut = n === 0 ? data.length : pieceEnd(data, codec);
      const piece = data.subarray(0, cut);
      carry = Buffer.from(data.subarray(cut));
      const r = redactBlocks(codec.decode(piece));
      count += r.count;
      fs.writeSync(output, r.count ? codec.encode(r.text) : piece);
      if (n === 0) break;
    }
    fs.fsyncSync(output);
  } catch (err) {
    fs.closeSync(output);
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    fs.closeSync(input);
  }
  fs.closeSync(output);
  if (!count) {
    fs.rmSync(tmp, { force: true });
    return null;
  }
  const keptAt = keepOriginal(memoryDir, file);
  fs.renameSync(tmp, file);
  return { file, redactions: count, keptAt };
}

/** Where the piece ends: after the last line break followed by an unindented line (else the last break). */
function pieceEnd(data: Buffer, codec: TextCodec): number {
  let fallback = -1;
  for (let i = data.lastIndexOf(codec.newline); i >= 0; i = data.lastIndexOf(codec.newline, i - 1)) {
    if (i % codec.unit) continue;
    const next = i + codec.newline.length;
    fallback = Math.max(fallback, next);
    const ch = codec.decode(data.subarray(next, next + codec.unit));
    if (ch !== '' && ch !== ' ' && ch !== '\t') return next;
    if (data.length - i > 1024 * 1024) break; // a megabyte of indented lines: cut at the last break
  }
  return fallback > 0 ? fallback : data.length;
}

/**
 * A blank line, then a line that cannot continue a key block (an export's next message starts
 * with its marker): a secret never spans one.
 */
const BLOCK_BREAK = /\n\n(?=[^\sA-Za-z0-9+/=])/;

/**
 * Redaction block by block, as the pipeline redacts message by message: the prescreen passes
 * over the blocks that cannot hold a secret, and the patterns run on the few that may (on a
 * whole export with one secret in it they took eight times as long).
 */
function redactBlocks(text: string): { text: string; count: number } {
  let count = 0;
  const blocks = text.split(BLOCK_BREAK).map((block) => {
    const r = redactSecrets(block);
    count += r.count;
    return r.text;
  });
  return { text: count ? blocks.join('\n\n') : text, count };
}

/** JSON: only string values are redacted, so the file stays valid JSON (a text pass could eat a quote). */
function redactJson(bytes: Buffer): { data: Buffer; count: number } | null {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return redactText(bytes, LATIN1);
  }
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = redactSecrets(v);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  // The pipeline writes its JSON this way; the same layout keeps the diff to the redacted values.
  return count ? { data: Buffer.from(`${JSON.stringify(out, null, 2)}\n`), count } : null;
}

function keepOriginal(memoryDir: string, file: string): string {
  const base = path.join(memoryDir, LOCAL_DIR_NAME, 'unredacted', path.relative(memoryDir, file));
  let dest = base;
  for (let n = 2; fs.existsSync(dest); n++) dest = `${base}.${n}`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(file, dest);
  return dest;
}
