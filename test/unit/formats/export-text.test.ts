import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../../helpers/fixtures';
import { describe, expect, it } from 'vitest';
import { decodeExportBytes } from '../../../src-main/core/formats/encoding-repair';
import { parseExportText } from '../../../src-main/core/formats/export-text';
import { contentHash } from '../../../src-main/core/identity/content-hash';
import type { ParsedMessage } from '../../../src-main/core/model';

/** Shared fixtures: the repo copy when present, else the team's shared folder. */
const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));
const parseFixture = (name: string) => parseExportText(decodeExportBytes(fixture(name)).text);
const hashes = (ms: readonly ParsedMessage[]) => ms.map((m) => contentHash(m.role, m.text));
const roles = (ms: readonly ParsedMessage[]) => ms.map((m) => m.role);
const EXCHANGE = ['user', 'assistant', 'tool_call', 'tool_result', 'assistant'];

describe('parseExportText on the fixtures', () => {
  it('parses the v1 macOS export into exchanges, banner as metadata', () => {
    const r = parseFixture('export-v1-macos.txt');
    expect(r.banner).toEqual({
      format: 'v1',
      claudeVersion: null,
      model: null,
      cwd: '/Users/demo/PROJECTS/demo-master',
    });
    expect(roles(r.messages)).toEqual(Array.from({ length: 6 }, () => EXCHANGE).flat());
    expect(r.messages[0].text).toBe(
      'Please look at submodule commit order (step 1-0).\nKeep the log under 5000 lines.',
    );
    expect(r.messages[2]).toEqual({
      role: 'tool_call',
      toolName: 'Bash',
      text: 'Bash(grep -rn "submodule" scripts/)',
    });
    expect(r.messages[3]).toEqual({
      role: 'tool_result',
      toolName: 'Bash',
      text: 'scripts/core/a0.py:10: submodule commit order\n… +3 lines (ctrl+o to expand)',
    });
    expect(r.firstPrompt).toBe(
      'Please look at submodule commit order (step 1-0).\nKeep the log under 5000 lines.',
    );
    expect(r.compactions).toBe(0);
  });

  it('parses the v2 Linux export: logo banner, ● markers, compaction line', () => {
    const r = parseFixture('export-v2-linux-overlap.txt');
    expect(r.banner).toEqual({
      format: 'v2',
      claudeVersion: '2.1.40',
      model: 'Opus 4.5',
      cwd: '~/PROJECTS/demo-master',
    });
    expect(r.compactions).toBe(1);
    expect(r.messages[0]).toEqual({ role: 'system', text: 'Conversation compacted' });
    expect(roles(r.messages.slice(1))).toEqual(Array.from({ length: 7 }, () => EXCHANGE).flat());
  });

  it('gives the v2 overlap the same content hashes as the last four exchanges of v1', () => {
    const v1 = parseFixture('export-v1-macos.txt').messages;
    const v2 = parseFixture('export-v2-linux-overlap.txt').messages.filter((m) => m.role !== 'system');
    expect(v2[0].text).not.toBe(v1[10].text); // v2 pads prompts with trailing spaces
    expect(hashes(v2.slice(0, 20))).toEqual(hashes(v1.slice(10, 30)));
    expect(hashes(v2.slice(20))).not.toContain(hashes(v1)[0]);
  });

  it('parses the Mac Roman mojibake export like its clean rendering', () => {
    const r = parseFixture('export-macroman-mojibake.txt');
    const clean = parseExportText(CLEAN_MACROMAN);
    expect(hashes(r.messages)).toEqual(hashes(clean.messages));
    expect(r.banner).toEqual(clean.banner);
    expect(r.messages.map((m) => m.text)).toContain(
      "I'll check installer smoke test first.\nThe current behaviour looks wrong in case 1.",
    );
    expect(r.messages.map((m) => m.text)).toContain('Fixed installer smoke test; all 3 checks pass ✅.');
    for (const m of r.messages) expect(m.text).not.toMatch(/[⏺⎿]|‚è∫|‚éø|¬∑|‚Ä¶/u);
  });

  it('parses the Windows-1252 mojibake export like its clean rendering', () => {
    const r = parseFixture('export-cp1252-mojibake.txt');
    const clean = parseExportText(CLEAN_CP1252);
    expect(hashes(r.messages)).toEqual(hashes(clean.messages));
    expect(r.banner).toEqual(clean.banner);
    expect(roles(r.messages)).toEqual([...EXCHANGE, ...EXCHANGE]);
    expect(r.messages[1].text).toBe(
      "I'll check MANIFEST.json update first.\nThe current behaviour looks wrong in case 0.",
    );
    expect(r.messages[3].text).toBe(
      'scripts/core/a0.py:10: MANIFEST.json update\n… +3 lines (ctrl+o to expand)',
    );
    for (const m of r.messages) expect(m.text).not.toMatch(/[⏺⎿\ufffd]|â€/u);
  });

  it('keeps the stray-byte export readable with ©', () => {
    const r = parseFixture('export-stray-byte.txt');
    expect(r.messages).toEqual([
      { role: 'user', text: 'Add the copyright line' },
      { role: 'assistant', text: 'Done: Copyright © 2025 Demo Inc.' },
    ]);
  });

  describe('the real 2.0.50 export', () => {
    const r = parseFixture('real-export-v2.0.50-macos.txt');

    it('reads banner, compaction, interruption', () => {
      expect(r.banner).toEqual({
        format: 'v2',
        claudeVersion: '2.0.50',
        model: 'Sonnet 4.5',
        cwd: '~/…/submodules/core/coditect-core/scripts/core',
      });
      expect(r.compactions).toBe(1);
      expect(r.interruptions).toBe(1);
      expect(r.messages[0]).toEqual({ role: 'system', text: 'Conversation compacted' });
      expect(r.messages.at(-1)).toEqual({
        role: 'system',
        text: 'Interrupted · What should Claude do instead?',
      });
    });

    it('turns the context lines after the compaction header into tool results', () => {
      const context = r.messages.slice(1, 7);
      expect(roles(context)).toEqual(Array(6).fill('tool_result'));
      expect(context[0].text).toBe('Referenced file ../../../../../.coditect/CLAUDE.md');
      expect(context[3].text).toBe(
        'Read \n../../../../cloud/coditect-cloud-backend/license_platform/settings/test.py\n(52 lines)',
      );
    });

    it('keeps unindented prompt continuation lines in the prompt', () => {
      const users = r.messages.filter((m) => m.role === 'user');
      expect(users).toHaveLength(6);
      expect(users[0].text.split('\n')).toHaveLength(4);
      expect(r.firstPrompt).toMatch(
        /^it is better to edit the source files\.\nsubmodules\/core.*step by step\.+$/su,
      );
      expect(users.at(-1)?.text).toBe(
        'I want the log to be up to 5000 lines why are you trimming you have not \nhit a limit ',
      );
    });

    it('has tool calls named Read, Bash, Update with wrapped arguments joined', () => {
      const calls = r.messages.filter((m) => m.role === 'tool_call');
      expect(new Set(calls.map((m) => m.toolName))).toEqual(
        new Set(['Read', 'Bash', 'Update', 'Search', 'Write']),
      );
      expect(calls[0].text).toBe(
        'Read(~/PROJECTS/coditect-rollout-master/.coditect/scripts/export-dedup-with-st\natus.py)',
      );
      const bash = calls.find((m) => m.text.startsWith('Bash(wc'));
      expect(bash?.text).toMatch(/^Bash\(wc -l .*\/core\/\ncoditect-core\/scripts\/export-dedup\.py\)$/su);
    });

    it('leaves no unsplit marker at the start of any message line', () => {
      const unsplit = /^(?:(?:⏺|●)[ \u00a0]|(?:>|❯) | {2}⎿|═+ Conversation compacted)/mu;
      for (const m of r.messages) expect(m.text, m.text.slice(0, 80)).not.toMatch(unsplit);
      for (const m of r.messages) expect(m.text).not.toMatch(/^[⏺●]/u);
    });

    it('keeps diff lines of results with their indentation beyond five spaces', () => {
      const update = r.messages.find(
        (m) => m.role === 'tool_result' && m.text.startsWith('Updated ../export-dedup.py with 46'),
      );
      expect(update?.toolName).toBe('Update');
      expect(update?.text.split('\n')[1]).toBe('  101    ');
    });
  });
});

describe('parseExportText on every marker variant', () => {
  it('reads a v1 box banner', () => {
    const r = parseExportText(
      '╭───────────╮\n│ ✻ Welcome to Claude Code! │\n│                  │\n│   cwd: /home/me/p   │\n╰───────────╯\n\n> hi\n',
    );
    expect(r.banner).toEqual({ format: 'v1', claudeVersion: null, model: null, cwd: '/home/me/p' });
    expect(r.messages).toEqual([{ role: 'user', text: 'hi' }]);
  });

  it('reads a v2 logo banner, with or without leading blank lines', () => {
    const text =
      '\n\n ▐▛███▜▌   Claude Code v2.0.28\n▝▜█████▛▘  Sonnet 4.5 · API Usage Billing\n  ▘▘ ▝▝    /srv/app\n\n❯ go\n';
    const r = parseExportText(text);
    expect(r.banner).toEqual({ format: 'v2', claudeVersion: '2.0.28', model: 'Sonnet 4.5', cwd: '/srv/app' });
    expect(r.messages).toEqual([{ role: 'user', text: 'go' }]);
  });

  it('reads a titled box banner as v2', () => {
    const r = parseExportText(
      '╭─── Claude Code v2.0.0 ───╮\n│ Welcome back! │\n│ Opus 4.1 · Claude Max │\n╰──────╯\n> x\n',
    );
    expect(r.banner).toMatchObject({ format: 'v2', claudeVersion: '2.0.0', model: 'Opus 4.1' });
    expect(r.messages).toHaveLength(1);
  });

  it('reads both prompt markers; v2 padding does not change the hash', () => {
    const v1 = parseExportText('> Fix it\n  please\n').messages;
    const v2 = parseExportText('❯ Fix it      \n  please\n').messages;
    expect(v1).toEqual([{ role: 'user', text: 'Fix it\nplease' }]);
    expect(hashes(v2)).toEqual(hashes(v1));
  });

  it('does not take >>> or >quote as a prompt', () => {
    const r = parseExportText('> run this\n>>> print(1)\n>not a prompt\n');
    expect(r.messages).toEqual([{ role: 'user', text: 'run this\n>>> print(1)\n>not a prompt' }]);
  });

  it('reads both assistant bullets', () => {
    const mac = parseExportText('⏺ Done.\n  Really.\n').messages;
    const linux = parseExportText('● Done.\n  Really.\n').messages;
    expect(mac).toEqual([{ role: 'assistant', text: 'Done.\nReally.' }]);
    expect(linux).toEqual(mac);
  });

  it('reads tool calls with arguments wrapped over indented lines', () => {
    const r = parseExportText('⏺ Bash(git commit -m "a very long\n      message")\n  ⎿  ok\n');
    expect(r.messages).toEqual([
      { role: 'tool_call', toolName: 'Bash', text: 'Bash(git commit -m "a very long\nmessage")' },
      { role: 'tool_result', toolName: 'Bash', text: 'ok' },
    ]);
  });

  it('reads MCP tool calls', () => {
    const r = parseExportText('⏺ context7 - resolve-library-id (MCP)(libraryName: "zod")\n');
    expect(r.messages[0]).toMatchObject({
      role: 'tool_call',
      toolName: 'context7 - resolve-library-id (MCP)',
    });
  });

  it('keeps assistant text that merely starts with a word and a parenthesis as text', () => {
    const r = parseExportText('⏺ Now (finally) it works.\n');
    expect(r.messages).toEqual([{ role: 'assistant', text: 'Now (finally) it works.' }]);
  });

  it('reads results with five-space continuation and truncation lines, either gap form', () => {
    const a = parseExportText(
      '⏺ Read(a.ts)\n  ⎿  line one\n     line two\n     … +25 lines (ctrl+o to expand)\n',
    ).messages;
    const b = parseExportText(
      '⏺ Read(a.ts)\n  ⎿ \u00a0line one\n     line two\n     … +25 lines (ctrl+o to expand)\n',
    ).messages;
    expect(a[1]).toEqual({
      role: 'tool_result',
      toolName: 'Read',
      text: 'line one\nline two\n… +25 lines (ctrl+o to expand)',
    });
    expect(b).toEqual(a);
  });

  it('makes each ⎿ line its own result', () => {
    const r = parseExportText('⏺ Read(a.ts)\n  ⎿  Read 20 lines\n  ⎿  CLAUDE.md\n');
    expect(roles(r.messages)).toEqual(['tool_call', 'tool_result', 'tool_result']);
  });

  it('reads Interrupted after a result marker or on its own', () => {
    const r = parseExportText(
      '⏺ Bash(sleep 100)\n  ⎿  Interrupted · What should Claude do instead?\n\n> stop\nInterrupted · What should Claude do instead?\n',
    );
    expect(r.interruptions).toBe(2);
    expect(r.messages).toEqual([
      { role: 'tool_call', toolName: 'Bash', text: 'Bash(sleep 100)' },
      { role: 'system', text: 'Interrupted · What should Claude do instead?' },
      { role: 'user', text: 'stop' },
      { role: 'system', text: 'Interrupted · What should Claude do instead?' },
    ]);
  });

  it('reads both compaction forms, even at the very start of the file', () => {
    const r = parseExportText(
      '═══════ Conversation compacted · ctrl+o for history ═══════\n⏺ a\n✻ Conversation compacted (ctrl+r to see full summary)\n⏺ b\n',
    );
    expect(r.compactions).toBe(2);
    expect(r.messages).toEqual([
      { role: 'system', text: 'Conversation compacted' },
      { role: 'assistant', text: 'a' },
      { role: 'system', text: 'Conversation compacted' },
      { role: 'assistant', text: 'b' },
    ]);
  });

  it('keeps a recap as a system message', () => {
    const r = parseExportText('※ recap: We fixed the installer.\n\n> next\n');
    expect(r.messages).toEqual([
      { role: 'system', text: 'recap: We fixed the installer.' },
      { role: 'user', text: 'next' },
    ]);
  });

  it('drops chrome and counts it, but keeps indented "Tip:" inside a reply', () => {
    const r = parseExportText(
      '⏺ Done.\n  Tip: run it twice.\n\n✻ Churned for 8s\n\nTip: Use /clear to start fresh\n\n> ok\n',
    );
    expect(r.chromeLines).toBe(2);
    expect(r.messages).toEqual([
      { role: 'assistant', text: 'Done.\nTip: run it twice.' },
      { role: 'user', text: 'ok' },
    ]);
  });

  it('keeps slash commands as prompts but not as the first prompt', () => {
    const r = parseExportText('> /compact\n\n> Real question\n');
    expect(r.messages).toEqual([
      { role: 'user', text: '/compact' },
      { role: 'user', text: 'Real question' },
    ]);
    expect(r.firstPrompt).toBe('Real question');
  });

  it('keeps inner blank lines, trims trailing ones, handles CRLF', () => {
    const r = parseExportText('⏺ one\r\n\r\n  two\r\n\r\n\r\n> x\r\n');
    expect(r.messages[0]).toEqual({ role: 'assistant', text: 'one\n\ntwo' });
  });

  it('keeps text found outside any block instead of dropping it', () => {
    const r = parseExportText('the tail of a cut-off reply\n\n> next\n');
    expect(r.messages).toEqual([
      { role: 'assistant', text: 'the tail of a cut-off reply' },
      { role: 'user', text: 'next' },
    ]);
  });

  it('returns nothing for an empty or banner-only file', () => {
    expect(parseExportText('').messages).toEqual([]);
    expect(parseExportText(' ▐▛███▜▌   Claude Code v2.1.40\n').messages).toEqual([]);
    expect(parseExportText('').firstPrompt).toBeNull();
  });
});

const CLEAN_MACROMAN = ` ▐▛███▜▌   Claude Code v2.1.40
▝▜█████▛▘  Opus 4.5 · Claude Max
  ▘▘ ▝▝    ~/PROJECTS/demo-master

> Please look at git staging of checkpoint indexes (step 201-0).
  Keep the log under 5000 lines.

⏺ I'll check git staging of checkpoint indexes first.
  The current behaviour looks wrong in case 0.

⏺ Bash(grep -rn "git" scripts/)
  ⎿  scripts/core/a0.py:10: git staging of checkpoint indexes
     … +3 lines (ctrl+o to expand)

⏺ Fixed git staging of checkpoint indexes; all 2 checks pass ✅.

> Please look at installer smoke test (step 201-1).
  Keep the log under 5000 lines.

⏺ I'll check installer smoke test first.
  The current behaviour looks wrong in case 1.

⏺ Bash(grep -rn "installer" scripts/)
  ⎿  scripts/core/a1.py:11: installer smoke test
     … +4 lines (ctrl+o to expand)

⏺ Fixed installer smoke test; all 3 checks pass ✅.
`;

const CLEAN_CP1252 = ` ▐▛███▜▌   Claude Code v2.1.40
▝▜█████▛▘  Opus 4.5 · Claude Max
  ▘▘ ▝▝    ~/PROJECTS/demo-master

> Please look at MANIFEST.json update (step 301-0).
  Keep the log under 5000 lines.

⏺ I'll check MANIFEST.json update first.
  The current behaviour looks wrong in case 0.

⏺ Bash(grep -rn "MANIFEST.json" scripts/)
  ⎿  scripts/core/a0.py:10: MANIFEST.json update
     … +3 lines (ctrl+o to expand)

⏺ Fixed MANIFEST.json update; all 2 checks pass ✅.

> Please look at symlink loops in discovery (step 301-1).
  Keep the log under 5000 lines.

⏺ I'll check symlink loops in discovery first.
  The current behaviour looks wrong in case 1.

⏺ Bash(grep -rn "symlink" scripts/)
  ⎿  scripts/core/a1.py:11: symlink loops in discovery
     … +4 lines (ctrl+o to expand)

⏺ Fixed symlink loops in discovery; all 3 checks pass ✅.
`;
