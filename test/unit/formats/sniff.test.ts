import fs from 'node:fs';
import * as iconv from 'iconv-lite';
import path from 'node:path';
import { FIXTURES } from '../../helpers/fixtures';
import { describe, expect, it } from 'vitest';
import { sniffKind } from '../../../src-main/core/formats/sniff';

const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));
const HEAD = 64 * 1024;
const sniff = (text: string | Buffer): ReturnType<typeof sniffKind> =>
  sniffKind(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

describe('sniffKind', () => {
  it('recognises every export fixture, mojibake included', () => {
    for (const name of [
      'export-v1-macos.txt',
      'export-v2-linux-overlap.txt',
      'export-macroman-mojibake.txt',
      'export-cp1252-mojibake.txt',
      'export-stray-byte.txt',
      'real-export-v2.0.50-macos.txt',
    ]) {
      expect(sniffKind(fixture(name).subarray(0, HEAD)), name).toBe('export');
    }
  });

  it('recognises the transcript fixtures', () => {
    const dir = path.join(FIXTURES, 'claude-projects', '-Users-demo-PROJECTS-demo-master');
    for (const name of fs.readdirSync(dir))
      expect(sniffKind(fs.readFileSync(path.join(dir, name))), name).toBe('transcript');
  });

  it('recognises a transcript whose first line is longer than the head', () => {
    const huge = JSON.stringify({
      parentUuid: null,
      sessionId: 's',
      type: 'user',
      uuid: 'u',
      message: { content: 'x'.repeat(200_000) },
    });
    expect(sniff(Buffer.from(huge).subarray(0, HEAD))).toBe('transcript');
  });

  it('recognises a transcript starting with bookkeeping lines only', () => {
    expect(
      sniff(
        '{"type":"summary","summary":"x","leafUuid":"l"}\n{"type":"file-history-snapshot","messageId":"m"}\n',
      ),
    ).toBe('transcript');
  });

  it('recognises a transcript by its valid lines when one near the start is cut', () => {
    const row = (uuid: string) =>
      JSON.stringify({ type: 'user', sessionId: 's', uuid, message: { content: `q ${uuid}` } });
    const cut = row('u4').slice(0, 30);
    expect(sniff([row('u1'), row('u2'), row('u3'), cut, row('u5'), row('u6'), ''].join('\n'))).toBe(
      'transcript',
    );
    // Mostly unparseable lines that merely start with a brace are still not a transcript.
    expect(sniff([row('u1'), '{ not json', '{ nor this', ''].join('\n'))).toBeNull();
  });

  it('does not take other JSONL for a transcript', () => {
    expect(sniff('{"level":"info","msg":"started"}\n{"level":"warn","msg":"slow"}\n')).toBeNull();
    expect(sniff('{"type":"user","uuid":"u"}\nnot json\n')).toBeNull();
  });

  it('recognises an export that starts with blank lines and a compaction rule', () => {
    const text =
      '\n\n═════ Conversation compacted · ctrl+o for history ═════\n  ⎿  Referenced file a.md\n\n⏺ Continuing.\n';
    expect(sniff(text)).toBe('export');
  });

  it('recognises a banner-less export by a prompt and an assistant line', () => {
    expect(sniff('> Fix the bug\n\n● Fixed.\n')).toBe('export');
  });

  it('recognises a UTF-16 export with a BOM', () => {
    const body = Buffer.from('\ufeff> hi\n\n⏺ hello\n', 'utf16le');
    expect(sniff(body)).toBe('export');
  });

  it('still recognises an export when the head cuts a multi-byte character', () => {
    const text = Buffer.from(`> q\n\n⏺ ${'⏺ a\n'.repeat(30_000)}`, 'utf8');
    expect(sniff(text.subarray(0, HEAD))).toBe('export');
    expect(Buffer.byteLength(text) > HEAD).toBe(true);
  });

  it('does not take notes that merely mention Claude Code', () => {
    expect(
      sniff('# Notes\n\nI used Claude Code today. ⏺ is its bullet and ❯ its prompt.\n\n> a quote\n'),
    ).toBeNull();
    expect(sniff('Claude Code v2.1.40 release notes\n- faster\n')).toBeNull();
    expect(sniff('> quoted mail\n> more\n')).toBeNull();
  });

  it('rejects binary and empty data', () => {
    expect(
      sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])),
    ).toBeNull();
    expect(sniff(Buffer.concat([Buffer.from('> hi\n⏺ hello\n'), Buffer.from([0])]))).toBeNull();
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0x01 : 0x41)));
    expect(sniff(controls)).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });

  describe('the quick look at the first kilobyte', () => {
    const prose = (bytes: number): string => 'plain words on a line\n'.repeat(Math.ceil(bytes / 22));

    it('finds markers that start after it, within the first 8 KiB and beyond', () => {
      expect(sniff(`${prose(3000)}> Fix the bug\n\n⏺ Fixed.\n`)).toBe('export');
      expect(sniff(`${prose(12_000)}> Fix the bug\n\n⏺ Fixed.\n`)).toBe('export');
      const v1 = fixture('export-v1-macos.txt');
      expect(sniff(Buffer.concat([Buffer.from(prose(20_000)), v1]).subarray(0, HEAD))).toBe('export');
    });

    it('leaves lines that repair could change to the repaired reading', () => {
      // Prompt and reply carry accents and an ellipsis: only the full reading may count them.
      expect(sniff('> Corrige le café…\n\n⏺ C’est fait — voilà.\n')).toBe('export');
      // `Â` + no-break space is a damaged no-break space: once repaired, the first line is no
      // prompt, and the file (which the ✅ line shows to be Windows-1252 damage) no export.
      const damaged = iconv.decode(Buffer.from('note ✅ done', 'utf8'), 'win1252');
      expect(sniff(`> Â\u00a0x\n⏺ z\n${damaged}\n`)).toBeNull();
    });

    it('judges whole lines only: a line cut at the kilobyte is not taken for a marker', () => {
      // `  ⎿` alone is a tool result; `  ⎿tail` is not. Cut after the ⎿ it would look like one.
      const start = '⏺ hi\n';
      const pad = 'x'.repeat(1024 - Buffer.byteLength(start) - Buffer.byteLength('\n  ⎿'));
      const text = `${start}${pad}\n  ⎿tail\n`;
      expect(Buffer.from(text).subarray(0, 1024).toString().endsWith('\n  ⎿')).toBe(true);
      expect(sniff(text)).toBeNull();
    });

    it('still sees the whole head for binary content', () => {
      expect(
        sniff(Buffer.concat([Buffer.from(`│ ✻ Welcome to Claude Code!\n${prose(3000)}`), Buffer.from([0])])),
      ).toBeNull();
    });
  });
});
