import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeExportBytes, repairMojibake } from '../../../src-main/core/formats/encoding-repair';
import { mayBeMarker, parseExportText } from '../../../src-main/core/formats/export-text';
import * as markers from '../../../src-main/core/formats/markers';
import { looksLikeExport, sniffKind } from '../../../src-main/core/formats/sniff';

/** Lines that exercise every branch of the export state machine, mixed with noise. */
const exportLine = fc.oneof(
  fc.constantFrom(
    '> prompt',
    '❯ prompt   ',
    '>',
    '⏺ text',
    '● Bash(ls',
    '      -la)',
    '  ⎿  result',
    '  ⎿ \u00a0Interrupted · What should Claude do instead?',
    '     … +3 lines (ctrl+o to expand)',
    '═══ Conversation compacted · ctrl+o for history ═══',
    '✻ Conversation compacted',
    '✻ Churned for 8s',
    '※ recap: r',
    'Tip: t',
    ' ▐▛███▜▌   Claude Code v2.1.40',
    '╭──╮',
    '│ ✻ Welcome to Claude Code! │',
    '╰──╯',
    '',
    '  continued',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const exportText = fc.array(exportLine, { maxLength: 60 }).map((lines) => lines.join('\n'));

/**
 * Characters clean exports contain. ▝ is left out: after Windows-1252 damage it cannot be
 * told from ▐ (both bytes became U+FFFD), and only the banner logo is restored by shape.
 */
const cleanChar = fc.constantFrom(...'ab Z09.()>-⏺⎿●❯✻※·…✅❌é€─│▐═ü—“”’«»°©™');

describe('format properties', () => {
  it('parseExportText never throws, and never leaves a marker unsplit', () => {
    fc.assert(
      fc.property(fc.oneof(exportText, fc.string({ unit: 'binary' })), (text) => {
        const r = parseExportText(text);
        for (const m of r.messages) {
          expect(m.text.trim()).not.toBe('');
          expect(m.text).not.toMatch(/^(?:⏺|●)[ \u00a0]|^ {2}⎿/mu);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decodeExportBytes and sniffKind never throw on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(typeof decodeExportBytes(buf).text).toBe('string');
        expect([null, 'export', 'transcript']).toContain(sniffKind(buf));
      }),
      { numRuns: 500 },
    );
  });

  it('decodeExportBytes keeps every byte of a BOM-less file: its ASCII comes out as it went in', () => {
    const noBom = fc.uint8Array({ maxLength: 200 }).filter((b) => ![0xef, 0xfe, 0xff].includes(b[0]));
    fc.assert(
      fc.property(noBom, (bytes) => {
        const ascii = Buffer.from(bytes)
          .toString('latin1')
          .replace(/[^\x00-\x7f]/g, '');
        expect(decodeExportBytes(Buffer.from(bytes)).text.replace(/[^\x00-\x7f]/g, '')).toBe(ascii);
      }),
      { numRuns: 300 },
    );
  });

  it('repairMojibake undoes Mac Roman and Windows-1252 damage of clean export text', () => {
    fc.assert(
      fc.property(
        fc.array(cleanChar, { minLength: 1, maxLength: 60 }),
        fc.constantFrom('macintosh', 'win1252'),
        (chars, charset) => {
          const clean = `⏺ ${chars.join('')}`; // every export line of interest has a marker
          const damaged = iconv.decode(Buffer.from(clean, 'utf8'), charset);
          expect(repairMojibake(damaged).text).toBe(clean);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("sniffKind's quick look says 'export' exactly where the repaired reading of the head does", () => {
    // Clean, Mac Roman- and Windows-1252-damaged marker lines, after padding that pushes them
    // past the first kilobyte or not: the quick look must never decide differently.
    const damaged = (line: string, charset: string): string =>
      iconv.decode(Buffer.from(line, 'utf8'), charset);
    // No control bytes: a head full of them is binary, which is decided before any reading.
    const textLine = exportLine.filter((l) => !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(l));
    const line = fc.oneof(
      textLine,
      fc.tuple(textLine, fc.constantFrom('macintosh', 'win1252')).map(([l, c]) => damaged(l, c)),
      fc.constantFrom('> café · déjà vu', '⏺ … “quoted”', '❯ naïve — ok', '● Bash(ls) → ✅', '  ⎿  ½ done'),
      // Damaged no-break spaces: repair turns `> Â\u00a0x` into a line that is no prompt.
      fc.constantFrom('> Â\u00a0x', '⏺ Â\u00a0y', '  ⎿ Â\u00a0z', damaged('note ✅ ⏺', 'win1252')),
    );
    const text = fc
      .tuple(fc.nat({ max: 2400 }), fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'))
      .map(([pad, lines, eol]) => `${'lorem ipsum dolor\n'.repeat(Math.ceil(pad / 18))}${lines.join(eol)}`);
    fc.assert(
      fc.property(text, fc.boolean(), (t, bom) => {
        const buf = Buffer.from(bom ? `\ufeff${t}` : t, 'utf8');
        fc.pre(buf.length <= 8 * 1024 && !buf.includes(0) && sniffKind(buf) !== 'transcript');
        const full = looksLikeExport(decodeExportBytes(buf).text);
        expect(sniffKind(buf)).toBe(full ? 'export' : null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the marker prefilter', () => {
  // The patterns classify() tests after the prefilter (the banner ones are for the top only).
  const patterns = [
    markers.COMPACTION_RULE,
    markers.COMPACTION_STAR,
    markers.INTERRUPTED,
    ...markers.CHROME_LINES,
    markers.TOOL_RESULT,
    markers.USER_PROMPT,
    markers.ASSISTANT_LINE,
    markers.RECAP_LINE,
  ];
  const indent = fc.constantFrom('', ' ', '  ', '\t', '\u00a0', '\u3000', '     ');
  const line = fc
    .tuple(indent, fc.oneof(exportLine, fc.string({ maxLength: 12 })), fc.string({ maxLength: 8 }))
    .map(([a, b, c]) => a + b + c);

  it('lets marker lines through and stops plain text', () => {
    for (const l of [
      '> p',
      '❯ p',
      '⏺ t',
      '● t',
      '  ⎿  r',
      '※ recap: r',
      'Tip: t',
      '✻ x',
      '═══ Conversation compacted',
    ])
      expect(mayBeMarker(l), l).toBe(true);
    for (const l of ['  continued', 'plain text', '     … +3 lines', '', '\u00a0\u00a0text'])
      expect(mayBeMarker(l), l).toBe(false);
  });

  it('passes every line some anchored marker pattern matches', () => {
    fc.assert(
      fc.property(line, (l) => {
        if (!mayBeMarker(l))
          for (const re of patterns) expect(re.test(l), `${re} on ${JSON.stringify(l)}`).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });
});
