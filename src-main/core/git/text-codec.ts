/**
 * How the guard before git reads a file's text and writes it back byte for byte where it
 * changes nothing: the encodings the export parser accepts.
 */
export interface TextCodec {
  readonly bom: Buffer;
  readonly newline: Buffer;
  /** Bytes per code unit: a piece never ends inside one. */
  readonly unit: number;
  decode(bytes: Buffer): string;
  encode(text: string): Buffer;
}

/**
 * Text as latin1: every byte maps to one character and back, so a file in any ASCII-based
 * encoding (UTF-8 with or without a BOM, Windows-1252, mojibake) keeps its other bytes exactly;
 * the secrets themselves are ASCII.
 */
export const LATIN1: TextCodec = {
  bom: Buffer.alloc(0),
  newline: Buffer.from([0x0a]),
  unit: 1,
  decode: (b) => b.toString('latin1'),
  encode: (t) => Buffer.from(t, 'latin1'),
};

/** UTF-16 with a BOM (Windows tools write it; the parser accepts it): its NUL bytes are text. */
const UTF16LE: TextCodec = {
  bom: Buffer.from([0xff, 0xfe]),
  newline: Buffer.from([0x0a, 0x00]),
  unit: 2,
  decode: (b) => b.toString('utf16le'),
  encode: (t) => Buffer.from(t, 'utf16le'),
};

const UTF16BE: TextCodec = {
  bom: Buffer.from([0xfe, 0xff]),
  newline: Buffer.from([0x00, 0x0a]),
  unit: 2,
  decode: (b) => Buffer.from(b).swap16().toString('utf16le'),
  encode: (t) => Buffer.from(t, 'utf16le').swap16(),
};

/** How the file's text is read, or null for a binary file (NUL bytes without a UTF-16 BOM). */
export function textCodecFor(head: Buffer): TextCodec | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return UTF16LE;
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return UTF16BE;
  return head.includes(0) ? null : LATIN1;
}
