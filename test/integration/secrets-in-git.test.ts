import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, gitSandbox, initRepo, removeSandbox, type GitSandbox } from '../helpers/git-repos';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';
import { leaksSecret, readSecretCases } from '../helpers/secret-corpus';

/**
 * Issue 11 §3 end to end: an export holding every secret format (some hard-wrapped at 80
 * columns), once in UTF-8 under a file name that itself holds a token and once in UTF-16 with
 * a BOM, goes through the real CLI into a real git repository. No piece of any secret may be in
 * any committed blob (decoded as the archive wrote it) nor in any committed path.
 */
let sb: GitSandbox;
const spaces: Workspace[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => {
  spaces.forEach(rmWorkspace);
  removeSandbox(sb);
});

const NAME_TOKEN = 'ghp_N4meT0kenInTheFileName00000000000000';
const cases = readSecretCases();

/** Each case as a prompt (its own markers kept where the case brings them), answered by a short reply. */
function corpusExport(variant: string): string {
  const banner = [
    '╭───────────────────────────────────────────────────╮',
    '│ ✻ Welcome to Claude Code!                         │',
    '╰───────────────────────────────────────────────────╯',
    '',
  ];
  const body = cases.flatMap((c, i) => {
    const lines = c.text.split('\n');
    const own = /^(?:⏺|>|\s+⎿)/.test(lines[0]!);
    const block = own ? lines : [`> ${variant} ${i}: ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)];
    return [...block, '', `⏺ Noted (${variant} ${i}).`, ''];
  });
  return [...banner, ...body].join('\n');
}

/** Every blob ever committed, decoded the way it was written (UTF-16 when it starts with a BOM). */
function committedTexts(repo: string): { paths: string[]; texts: string[] } {
  const objects = git(repo, ['rev-list', '--all', '--objects']).split('\n').filter(Boolean);
  const paths: string[] = [];
  const texts: string[] = [];
  for (const line of objects) {
    const [sha, ...rest] = line.split(' ');
    if (rest.length) paths.push(rest.join(' '));
    if (git(repo, ['cat-file', '-t', sha!]).trim() !== 'blob') continue;
    const bytes = execFileSync('git', ['cat-file', 'blob', sha!], { cwd: repo, maxBuffer: 1 << 28 });
    texts.push(decodeBlob(bytes));
  }
  return { paths, texts };
}

function decodeBlob(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xfe) return iconv.decode(b.subarray(2), 'utf16-le');
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(b.subarray(2), 'utf16-be');
  return b.toString('utf8');
}

describe('secrets never reach git (real CLI, real git)', () => {
  it('an export with every secret format, in UTF-8 and in UTF-16, leaves no piece of any secret in any commit', () => {
    const w = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(w);
    const env = { ...w.env, GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
    initRepo(w.master);
    const past = new Date(Date.now() - 3600_000);
    const utf8 = path.join(w.master, `session-${NAME_TOKEN}.txt`);
    fs.writeFileSync(utf8, corpusExport('utf8'));
    const utf16 = path.join(w.downloads, 'windows-export.txt');
    fs.writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(corpusExport('utf16'), 'utf16-le')]),
    );
    for (const f of [utf8, utf16]) fs.utimesSync(f, past, past);

    const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--json'], env);
    expect(r.stderr).not.toMatch(/TypeError|ReferenceError/);
    const summary = JSON.parse(r.stdout);
    expect(summary.git).toMatchObject({ ok: true });
    expect(fs.readdirSync(path.join(w.memory, 'exports-archive')).sort()).toEqual([
      'session-REDACTED-github-token.txt',
      'windows-export.txt',
    ]);

    const { paths, texts } = committedTexts(w.master);
    expect(paths.some((p) => p.includes('exports-archive/windows-export.txt'))).toBe(true);
    const all = [...texts, ...paths].join('\n');
    const leaked = [...cases, { kind: 'file-name', secret: NAME_TOKEN, text: '' }].filter((c) =>
      leaksSecret(all, c.secret),
    );
    console.log(`secret formats tried: ${cases.length + 1}, leaked into git: ${leaked.length}`);
    expect(leaked.map((c) => c.kind)).toEqual([]);
  });
});
