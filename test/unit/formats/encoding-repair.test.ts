import fs from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { FIXTURES } from '../../helpers/fixtures';
import { describe, expect, it } from 'vitest';
import {
  decodeExportBytes,
  mayHoldMojibake,
  repairMojibake,
} from '../../../src-main/core/formats/encoding-repair';

const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));

/** What a UTF-8 text looks like after a wrong decoder read it and it was saved again. */
const mojibake = (clean: string, charset: 'macintosh' | 'win1252'): string =>
  iconv.decode(Buffer.from(clean, 'utf8'), charset);

describe('decodeExportBytes', () => {
  it('passes clean UTF-8 through untouched', () => {
    for (const name of [
      'export-v1-macos.txt',
      'export-v2-linux-overlap.txt',
      'real-export-v2.0.50-macos.txt',
    ]) {
      const buf = fixture(name);
      expect(decodeExportBytes(buf)).toEqual({
        text: buf.toString('utf8'),
        repairs: { mojibake: null, strayBytes: 0 },
      });
    }
  });

  it('strips a UTF-8 BOM and decodes UTF-16 with a BOM', () => {
    expect(decodeExportBytes(Buffer.from('\ufeff⏺ hi', 'utf8')).text).toBe('⏺ hi');
    expect(
      decodeExportBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('⏺ hi\n', 'utf16le')])).text,
    ).toBe('⏺ hi\n');
  });

  it('decodes the stray 0xA9 of the fixture as ©', () => {
    const r = decodeExportBytes(fixture('export-stray-byte.txt'));
    expect(r.repairs).toEqual({ mojibake: null, strayBytes: 1 });
    expect(r.text).toContain('⏺ Done: Copyright © 2025 Demo Inc.');
    expect(r.text).not.toContain('\ufffd');
  });

  it('decodes stray bytes as Windows-1252, its holes and cut sequences as Latin-1', () => {
    const r = decodeExportBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x81, 0x20, 0xe2, 0x8f]));
    expect(r.text).toBe('café €\u0081 â\u008f');
    expect(r.repairs.strayBytes).toBe(5);
  });

  it('repairs the Mac Roman fixture to exactly its clean text', () => {
    const raw = fixture('export-macroman-mojibake.txt').toString('utf8');
    const r = decodeExportBytes(fixture('export-macroman-mojibake.txt'));
    expect(r.repairs).toEqual({ mojibake: 'macroman', strayBytes: 0 });
    expect(r.text).toBe(iconv.encode(raw, 'macintosh').toString('utf8'));
    expect(r.text).toContain('⏺ Bash(grep -rn "git" scripts/)\n  ⎿  scripts/core/a0.py:10');
    expect(r.text).toContain('Opus 4.5 · Claude Max');
  });

  it('repairs the Windows-1252 fixture, resolving U+FFFD to the bytes 0x8F/0x90/0x9D', () => {
    const r = decodeExportBytes(fixture('export-cp1252-mojibake.txt'));
    expect(r.repairs).toEqual({ mojibake: 'cp1252', strayBytes: 0 });
    expect(r.text.split('\n').slice(0, 3)).toEqual([
      ' ▐▛███▜▌   Claude Code v2.1.40',
      '▝▜█████▛▘  Opus 4.5 · Claude Max',
      '  ▘▘ ▝▝    ~/PROJECTS/demo-master',
    ]);
    expect(r.text).toContain("⏺ I'll check MANIFEST.json update first.");
    expect(r.text).toContain(
      '  ⎿  scripts/core/a0.py:10: MANIFEST.json update\n     … +3 lines (ctrl+o to expand)',
    );
    expect(r.text).toContain('all 2 checks pass ✅.');
    expect(r.text).not.toMatch(/\ufffd|â€/u);
  });
});

describe('repairMojibake', () => {
  it('repairs the Mac Roman signatures named in the design', () => {
    expect(repairMojibake('‚è∫ a ‚éø b ¬∑ c')).toEqual({ text: '⏺ a ⎿ b · c', mojibake: 'macroman' });
  });

  it('repairs a U+FFFD the text held (Mac Roman "ÔøΩ", Windows-1252 "ï¿½") back to U+FFFD', () => {
    const clean = '⏺ The log shows \ufffd where a byte was lost\n  ⎿  read \ufffd\ufffd bytes';
    expect(mojibake(clean, 'macintosh')).toMatch(/\u00d4\u00f8[\u03a9\u2126]/u);
    expect(repairMojibake(mojibake(clean, 'macintosh'))).toEqual({ text: clean, mojibake: 'macroman' });
    expect(repairMojibake(mojibake(clean, 'win1252')).text).toBe(clean);
  });

  it('repairs Windows-1252 mojibake whether holes show as U+FFFD or C1 controls', () => {
    expect(repairMojibake('â\ufffdº Done âœ…').text).toBe('⏺ Done ✅');
    expect(repairMojibake('â\u008fº Done â\u0097\u008f').text).toBe('⏺ Done ●');
    expect(repairMojibake('âœ… cafÃ© Ã\u00a0cÃ´tÃ©').text).toBe('✅ café àcôté');
  });

  it('wants a three-byte signature (every damaged export has ⏺ or ⎿) before touching a text', () => {
    expect(repairMojibake('cafÃ© Ã\u00a0cÃ´tÃ©')).toEqual({ text: 'cafÃ© Ã\u00a0cÃ´tÃ©', mojibake: null });
    expect(repairMojibake('‚è∫ cafÃ©').text).toBe('⏺ cafÃ©'); // Mac Roman chosen: Ã© stays as it is there
  });

  it('prefers Claude Code markers when a U+FFFD could be several bytes', () => {
    for (const ch of ['⏺', '●', '❯', '▐', '═', '❌'])
      expect(repairMojibake(mojibake(`${ch} x`, 'win1252')).text).toBe(`${ch} x`);
  });

  it('repairs line by line in a file where only some lines were damaged', () => {
    const clean = '⏺ clean line ✅\n  l’école, naïve café';
    const damaged = mojibake('⏺ damaged line · ok', 'macintosh');
    const r = repairMojibake(`${clean}\n${damaged}\n${clean}`);
    expect(r).toEqual({ text: `${clean}\n⏺ damaged line · ok\n${clean}`, mojibake: 'macroman' });
  });

  it('leaves genuine accented and typographic text alone', () => {
    const genuine = [
      'l’école « déjà » — naïve café, Müller’s “résumé” … 10 °C ± 2',
      '“émigré” ’Ä ©2025 ¬ logic √2 ≈ 1.41',
      'so it goes…énorme, «école», ⏺ markers stay',
      'Ελληνικά, русский, 日本語, 한국어',
    ];
    for (const text of genuine) expect(repairMojibake(text)).toEqual({ text, mojibake: null });
  });

  it('repairs only one layer of double mojibake rather than guess further', () => {
    const once = mojibake('⏺ x', 'macintosh');
    const twice = mojibake(once, 'macintosh');
    expect(repairMojibake(twice).text).toBe(once);
  });

  it('returns ASCII untouched', () => {
    expect(repairMojibake('plain > text')).toEqual({ text: 'plain > text', mojibake: null });
  });
});

describe('mayHoldMojibake', () => {
  // The sniffer's quick look trusts a line this calls clean to survive repair unchanged.
  it('flags every character a UTF-8 lead byte becomes under Mac Roman or Windows-1252', () => {
    for (const charset of ['macintosh', 'win1252']) {
      for (let b = 0xc2; b <= 0xf4; b++) {
        const c = iconv.decode(Buffer.from([b]), charset);
        expect(mayHoldMojibake(c), `${charset} 0x${b.toString(16)} ${c}`).toBe(true);
      }
    }
    // The Mac Roman readings the repair table adds: € (Mac OS 8.5+) and the Apple logo.
    expect(mayHoldMojibake('\u20ac')).toBe(true);
    expect(mayHoldMojibake('\uf8ff')).toBe(true);
  });

  it('passes the markers of clean exports', () => {
    for (const line of [
      '│ ✻ Welcome to Claude Code!',
      ' ▐▛███▜▌   Claude Code v2.1.40',
      '⏺ hi',
      '  ⎿  ok',
      '❯ go',
    ])
      expect(mayHoldMojibake(line), line).toBe(false);
  });

  it('means repair leaves such a line alone, whatever the rest of the text makes it pick', () => {
    const clean = ['> Fix it', '⏺ Done ✅ → ok', '  ⎿  result ─ │ ═', ' ▐▛███▜▌   Claude Code v2.1.40'];
    for (const charset of ['macintosh', 'win1252'] as const) {
      const damaged = mojibake('⏺ damaged · line … “quoted” — é', charset);
      const r = repairMojibake([damaged, ...clean, damaged].join('\n'));
      expect(r.mojibake).not.toBeNull();
      expect(r.text.split('\n').slice(1, -1)).toEqual(clean);
    }
  });
});
