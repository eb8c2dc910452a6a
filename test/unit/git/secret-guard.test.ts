import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { guardMemoryFiles } from '../../../src-main/core/git/secret-guard';

/**
 * The last gate before git: archived exports are copied verbatim, in whatever encoding they
 * came. The guard must read them as the parser does (UTF-16 with a BOM, UTF-8 with a BOM,
 * mojibake) and write them back redacted in the same encoding; a large file is streamed.
 */
const GHP = 'ghp_Q7bX2mK9vR4tY8wN3pL6sD1fG5hJ0kZ3aB7c';
const STRIPE = 'sk_live_51Hc8TqLx0vB3nR7yW2mK9pD4fG6hJ1sA5zQ8';
const EXPORT = [
  '╭───────────────────────────────────────────────────╮',
  '│ ✻ Welcome to Claude Code!                         │',
  '╰───────────────────────────────────────────────────╯',
  '',
  `> deploy with ${GHP} — café ✓`,
  '',
  `⏺ Stripe key set: ${STRIPE}`,
  '',
].join('\n');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function memoryWith(name: string, bytes: Buffer): { memory: string; file: string } {
  const memory = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-guard-'));
  dirs.push(memory);
  const file = path.join(memory, 'exports-archive', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return { memory, file };
}

const ENCODINGS: [name: string, encode: (s: string) => Buffer, decode: (b: Buffer) => string][] = [
  [
    'UTF-16 LE with BOM',
    (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf16-le')]),
    (b) => iconv.decode(b.subarray(2), 'utf16-le'),
  ],
  [
    'UTF-16 BE with BOM',
    (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf16-be')]),
    (b) => iconv.decode(b.subarray(2), 'utf16-be'),
  ],
  [
    'UTF-8 with BOM',
    (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
    (b) => b.subarray(3).toString('utf8'),
  ],
  [
    'UTF-8 damaged by a Mac Roman decoder (mojibake)',
    (s) => Buffer.from(iconv.decode(Buffer.from(s, 'utf8'), 'macroman'), 'utf8'),
    (b) => iconv.encode(b.toString('utf8'), 'macroman').toString('utf8'),
  ],
];

describe('guardMemoryFiles: an archived export in every encoding the parser accepts', () => {
  it.each(ENCODINGS)(
    '%s: redacted, written back in the same encoding, original kept',
    (_n, encode, decode) => {
      const original = encode(EXPORT);
      const { memory, file } = memoryWith('export.txt', original);
      const results = guardMemoryFiles(memory, [file]);
      expect(results).toHaveLength(1);
      expect(results[0]!.redactions).toBe(2);
      const after = fs.readFileSync(file);
      expect(after.subarray(0, 2)).toEqual(original.subarray(0, 2)); // the BOM (or first bytes) stay
      const text = decode(after);
      expect(text).not.toContain(GHP);
      expect(text).not.toContain(STRIPE);
      expect(text).toBe(
        EXPORT.replace(GHP, '[REDACTED:github-token]').replace(STRIPE, '[REDACTED:stripe-key]'),
      );
      expect(fs.readFileSync(results[0]!.keptAt)).toEqual(original);
    },
  );

  it('a token hard-wrapped at 80 columns in the archived export is redacted whole', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const line = `⏺ The login answered with ${jwt}`;
    const wrapped = [line.slice(0, 80), ...(line.slice(80).match(/.{1,78}/g) ?? []).map((l) => `  ${l}`)];
    const { memory, file } = memoryWith('wrapped.txt', Buffer.from(`${wrapped.join('\n')}\n`));
    guardMemoryFiles(memory, [file]);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toBe('⏺ The login answered with [REDACTED:jwt]\n');
  });

  it('an encrypted PEM key (a blank line inside) is redacted whole, among other messages', () => {
    const body = 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi0pRqXkXv8zJ0QdZ4cF7eYt1Lw';
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-128-CBC,3F17F5316E2BAC89E1A2C5D4E7B8A9C0',
      '',
      body,
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const text = `> show me the key\n\n⏺ Here it is:\n\n${pem}\n\n> thanks\n`;
    const { memory, file } = memoryWith('pem.txt', Buffer.from(text));
    expect(guardMemoryFiles(memory, [file])[0]?.redactions).toBe(1);
    const after = fs.readFileSync(file, 'utf8');
    expect(after).not.toContain(body);
    expect(after).toBe('> show me the key\n\n⏺ Here it is:\n\n[REDACTED:private-key]\n\n> thanks\n');
  });

  it('a binary file (NUL bytes, not an export) is left as it is', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), Buffer.from(GHP)]);
    const { memory, file } = memoryWith('image.png', png);
    expect(guardMemoryFiles(memory, [file])).toEqual([]);
    expect(fs.readFileSync(file)).toEqual(png);
  });

  it('a UTF-16 export larger than one piece is streamed and written back in UTF-16', () => {
    const filler = `⏺ ${'réponse ordinaire, rien de secret. '.repeat(2)}\n`;
    const text = `> first ${GHP}\n${filler.repeat(Math.ceil((9 * 1024 * 1024) / 2 / filler.length))}> last ${STRIPE}\n`;
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16-le')]);
    expect(original.length).toBeGreaterThan(8 * 1024 * 1024);
    const { memory, file } = memoryWith('big-utf16.txt', original);
    const [result] = guardMemoryFiles(memory, [file]);
    expect(result?.redactions).toBe(2);
    const after = fs.readFileSync(file);
    expect(after.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(iconv.decode(after.subarray(2), 'utf16-le')).toBe(
      text.replace(GHP, '[REDACTED:github-token]').replace(STRIPE, '[REDACTED:stripe-key]'),
    );
  });

  it('a file over 64 MiB is streamed through the guard, not skipped', () => {
    const filler = `⏺ ${'ordinary reply text, nothing secret here. '.repeat(2)}\n`;
    const lines = Math.ceil((65 * 1024 * 1024) / filler.length);
    const memory = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-guard-'));
    dirs.push(memory);
    const file = path.join(memory, 'exports-archive', 'huge.txt');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, `> first ${GHP}\n`);
    const block = filler.repeat(10_000);
    for (let i = 0; i < lines; i += 10_000) fs.writeSync(fd, block);
    fs.writeSync(fd, `> last ${STRIPE}\n`);
    fs.closeSync(fd);
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(64 * 1024 * 1024);

    const [result] = guardMemoryFiles(memory, [file]);
    expect(result?.redactions).toBe(2);
    const head = Buffer.alloc(64);
    const tail = Buffer.alloc(64);
    const rd = fs.openSync(file, 'r');
    const newSize = fs.fstatSync(rd).size;
    fs.readSync(rd, head, 0, 64, 0);
    fs.readSync(rd, tail, 0, 64, newSize - 64);
    fs.closeSync(rd);
    expect(head.toString('utf8')).toContain('> first [REDACTED:github-token]\n');
    expect(tail.toString('utf8')).toContain('> last [REDACTED:stripe-key]\n');
    expect(fs.statSync(result!.keptAt).size).toBe(size);
  });
});
