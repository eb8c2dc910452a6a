import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitFile,
  git,
  gitSandbox,
  initRepo,
  porcelain,
  removeSandbox,
  type GitSandbox,
} from '../helpers/git-repos';
import {
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

/**
 * Issue 11 §1–2 through the real CLI: only a real export in a drop zone, untracked by git,
 * is moved; everything else that reads like an export is imported by copy and named.
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

const V1 = fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), 'utf8');
const V2 = fs.readFileSync(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), 'utf8');
const PAST = new Date(Date.now() - 3600_000);

interface ArchiveRow {
  status: string;
  from: string;
  to?: string;
  reason?: string;
  sameAs?: string;
}

function workspace(): { w: Workspace; env: NodeJS.ProcessEnv } {
  const w = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(w);
  initRepo(w.master);
  return { w, env: { ...w.env, GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' } };
}

/** An export-like text with its own first prompt, so that each file is a new import. */
function variant(base: string, tag: string): string {
  return base.replace(/^(>|❯) (.*)$/mu, (_, p: string, rest: string) => `${p} ${tag}: ${rest}`);
}

function place(file: string, content: string, mode = 0o644): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  fs.chmodSync(file, mode);
  fs.utimesSync(file, PAST, PAST);
  return file;
}

function age(repo: string, rel: string): void {
  fs.utimesSync(path.join(repo, rel), PAST, PAST);
}

function run(w: Workspace, env: NodeJS.ProcessEnv, extra: string[] = []) {
  const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--json', ...extra], env);
  expect(r.stderr).not.toMatch(/TypeError|ReferenceError|at .*\.ts:\d+/);
  return { ...r, summary: JSON.parse(r.stdout) };
}

function human(w: Workspace, env: NodeJS.ProcessEnv, extra: string[] = []) {
  return runCli(w, ['export-dedup', '--root', w.root, '--yes', ...extra], env);
}

describe('only a real export is moved, never a file git tracks', () => {
  it('moves untracked .txt exports in drop zones; a tracked fixture, an executable script and a deep .md stay, imported by copy', () => {
    const { w, env } = workspace();
    const tools = initRepo(path.join(w.root, 'tools'));
    commitFile(tools, 'test/fixtures/sample-export.txt', variant(V1, 'fixture'), 'Make fixture');
    age(tools, 'test/fixtures/sample-export.txt');
    const trackedTop = 'session-notes.txt';
    commitFile(tools, trackedTop, variant(V2, 'tracked top'), 'keep a session');
    age(tools, trackedTop);
    fs.writeFileSync(path.join(tools, '.gitignore'), 'private-*.txt\n');
    git(tools, ['add', '.gitignore']);
    git(tools, ['commit', '-q', '-m', 'ignore private notes']);
    const script = place(
      path.join(tools, 'make-fixture'),
      `#!/bin/sh\ncat > fixture.txt <<'EOF'\n${variant(V1, 'script')}EOF\n`,
      0o755,
    );
    const txtScript = place(
      path.join(tools, 'replay-session.txt'),
      `${variant(V2, 'executable txt')}`,
      0o755,
    );
    const quoting = place(
      path.join(w.downloads, 'notes-about-a-chat.txt'),
      `My notes on yesterday's session.\n\n${variant(V2, 'quoted')}`,
    );
    const deepMd = place(path.join(tools, 'docs', 'notes', 'chat.md'), variant(V2, 'deep md'));
    const ignored = place(path.join(tools, 'private-chat.txt'), variant(V1, 'ignored'));
    const topExport = place(path.join(tools, '2026-12-01-fix-the-build.txt'), variant(V1, 'repo top'));
    const download = place(path.join(w.downloads, '2026-12-01-plan.txt'), variant(V2, 'downloads'));
    const downloadMd = place(path.join(w.downloads, 'chat-saved.md'), variant(V1, 'downloads md'));
    const inbox = place(path.join(w.memory, 'inbox', 'from-laptop.txt'), variant(V2, 'inbox'));
    const deepTxt = place(path.join(w.root, 'tools', 'docs', 'old', 'chat.txt'), variant(V2, 'deep txt'));
    const before = git(tools, ['log', '--format=%H']);

    const { code, summary } = run(w, env);
    expect(summary.error).toBeNull();
    expect(code).toBe(0);

    const byFrom = new Map<string, ArchiveRow>(summary.archived.map((a: ArchiveRow) => [a.from, a]));
    const trackedFixture = path.join(tools, 'test', 'fixtures', 'sample-export.txt');
    const kept = [
      trackedFixture,
      path.join(tools, trackedTop),
      script,
      txtScript,
      quoting,
      deepMd,
      ignored,
      downloadMd,
      deepTxt,
    ];
    const moved = [topExport, download, inbox];
    for (const f of kept) {
      expect(fs.existsSync(f), f).toBe(true);
      expect(byFrom.get(f)?.status, f).toBe('copied');
    }
    for (const f of moved) {
      expect(fs.existsSync(f), f).toBe(false);
      expect(byFrom.get(f)?.status, f).toBe('archived');
    }
    // Every file was imported (all new messages), and each reason is in plain words.
    expect(summary.files.filter((f: { status: string }) => f.status === 'imported')).toHaveLength(12);
    expect(byFrom.get(trackedFixture)?.reason).toBe(`tracked by git in ${tools}`);
    expect(byFrom.get(path.join(tools, trackedTop))?.reason).toBe(`tracked by git in ${tools}`);
    expect(byFrom.get(ignored)?.reason).toBe(`ignored by git on purpose in ${tools}`);
    expect(byFrom.get(script)?.reason).toMatch(/not named \.txt/);
    expect(byFrom.get(txtScript)?.reason).toBe('an executable file (a script), not a saved conversation');
    expect(byFrom.get(quoting)?.reason).toMatch(/does not begin like an \/export/);
    expect(byFrom.get(deepMd)?.reason).toMatch(/not named \.txt/);
    expect(byFrom.get(downloadMd)?.reason).toMatch(/not named \.txt/);
    expect(byFrom.get(deepTxt)?.reason).toMatch(/not in a drop zone/);

    // Nothing deleted or changed in the unrelated repository, and no commit made there.
    expect(git(tools, ['log', '--format=%H'])).toBe(before);
    expect(porcelain(tools).filter((l) => !l.startsWith('??'))).toEqual([]);
    // The copies are in the archive, committed in the memory repository.
    const archive = fs.readdirSync(path.join(w.memory, 'exports-archive'));
    expect(archive).toHaveLength(12);

    // The next run imports nothing again and copies nothing twice.
    const second = run(w, env);
    expect(second.code).toBe(0);
    expect(second.summary.files.filter((f: { status: string }) => f.status === 'imported')).toEqual([]);
    expect(fs.readdirSync(path.join(w.memory, 'exports-archive'))).toHaveLength(12);
    for (const f of kept) expect(fs.existsSync(f), f).toBe(true);
  });

  it('the human summary names every file kept in place, with its reason', () => {
    const { w, env } = workspace();
    const tools = initRepo(path.join(w.root, 'tools'));
    commitFile(tools, 'fixtures/chat.txt', variant(V1, 'fixture'), 'Make fixture');
    age(tools, 'fixtures/chat.txt');
    const r = human(w, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `  kept in place (imported by copy): ${path.join(tools, 'fixtures', 'chat.txt')}: tracked by git in ${tools}`,
    );
  });
});

describe('discovery stays inside its roots (through the CLI)', () => {
  it('PROJECTS/team-share -> ../outside: nothing outside is imported, moved or committed; the link is named', () => {
    const { w, env } = workspace();
    const outside = place(path.join(w.home, 'outside', 'team-notes.txt'), variant(V1, 'outside'));
    fs.symlinkSync(path.join('..', 'outside'), path.join(w.root, 'team-share'));
    placeFile(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), path.join(w.master, 'mine.txt'));
    const { code, summary } = run(w, env);
    expect(code).toBe(0);
    expect(summary.files.map((f: { path: string }) => f.path)).toEqual([path.join(w.master, 'mine.txt')]);
    expect(summary.skippedLinks).toEqual([
      {
        path: path.join(w.root, 'team-share'),
        target: path.join(w.home, 'outside'),
        reason: 'points outside the folders CODITECT searches',
      },
    ]);
    expect(fs.readFileSync(outside, 'utf8')).toBe(variant(V1, 'outside'));
    const text = human(w, env, ['--no-git']);
    expect(text.stdout).toContain(
      `  link not followed: ${path.join(w.root, 'team-share')} -> ${path.join(w.home, 'outside')}: points outside the folders CODITECT searches`,
    );
  });
});

describe('archiveMode: keep originals', () => {
  it('--keep-originals copies into the archive and leaves every original; the next run imports and copies nothing again', () => {
    const { w, env } = workspace();
    const a = place(path.join(w.downloads, '2026-12-01-plan.txt'), variant(V1, 'keep a'));
    const b = place(path.join(w.master, '2026-12-01-build.txt'), variant(V2, 'keep b'));
    const first = run(w, env, ['--keep-originals']);
    expect(first.code).toBe(0);
    expect(first.summary.archived.map((r: ArchiveRow) => [r.status, r.from, r.reason]).sort()).toEqual(
      [
        ['copied', a, 'you chose to keep originals (archive by copy)'],
        ['copied', b, 'you chose to keep originals (archive by copy)'],
      ].sort(),
    );
    expect(fs.readFileSync(a, 'utf8')).toBe(variant(V1, 'keep a'));
    expect(fs.readFileSync(b, 'utf8')).toBe(variant(V2, 'keep b'));
    const archive = path.join(w.memory, 'exports-archive');
    expect(fs.readdirSync(archive).sort()).toEqual(['2026-12-01-build.txt', '2026-12-01-plan.txt']);
    // A real copy, not a link: editing the original later never changes the archive.
    expect(fs.statSync(path.join(archive, '2026-12-01-plan.txt')).ino).not.toBe(fs.statSync(a).ino);

    const second = run(w, env, ['--keep-originals']);
    expect(second.code).toBe(0);
    expect(second.summary.files.map((f: { status: string }) => f.status)).toEqual([
      'already-imported',
      'already-imported',
    ]);
    expect(second.summary.archived).toEqual([]);
    expect(second.summary.checkpoint).toBeNull();
    expect(fs.readdirSync(archive)).toHaveLength(2);
  });

  it('archiveMode "copy" in the settings does the same; a renamed copy stays too, named as already imported', () => {
    const { w, env } = workspace();
    fs.mkdirSync(path.join(w.home, '.coditect'), { recursive: true });
    fs.writeFileSync(
      path.join(w.home, '.coditect', 'settings.json'),
      JSON.stringify({ archiveMode: 'copy' }),
    );
    const a = place(path.join(w.downloads, '2026-12-01-plan.txt'), variant(V1, 'settings'));
    expect(run(w, env).code).toBe(0);
    expect(fs.existsSync(a)).toBe(true);
    const renamed = place(path.join(w.downloads, '2026-12-01-plan (1).txt'), variant(V1, 'settings'));
    const r = human(w, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `  already imported, kept in place: ${renamed} (same as ${a}): you chose to keep originals (archive by copy)`,
    );
    expect(fs.existsSync(renamed)).toBe(true);
    expect(fs.readdirSync(path.join(w.memory, 'exports-archive'))).toEqual(['2026-12-01-plan.txt']);
  });
});

describe('a renamed copy of an export already imported', () => {
  it('is archived and named in the summary ("already imported, archived"), not only in the progress lines', () => {
    const { w, env } = workspace();
    const a = place(path.join(w.downloads, '2026-12-01-plan.txt'), variant(V2, 'renamed'));
    expect(run(w, env).code).toBe(0);
    const archived = path.join(w.memory, 'exports-archive', '2026-12-01-plan.txt');
    expect(fs.existsSync(archived)).toBe(true);
    const renamed = place(path.join(w.downloads, 'plan-again.txt'), variant(V2, 'renamed'));
    const json = run(w, env, ['--no-git']);
    const to = path.join(w.memory, 'exports-archive', 'plan-again.txt');
    expect(json.summary.archived).toEqual([{ status: 'duplicate-archived', from: renamed, to, sameAs: a }]);
    expect(fs.existsSync(renamed)).toBe(false);
    // The human summary says it too (a third copy, for a third run).
    const third = place(path.join(w.downloads, 'plan-third.txt'), variant(V2, 'renamed'));
    const r = human(w, env, ['--no-git']);
    expect(r.stdout).toContain(
      `  already imported, archived: ${third} (same as ${a}) -> ${path.join(w.memory, 'exports-archive', 'plan-third.txt')}`,
    );
  });
});

describe('git is asked per repository, not per file', () => {
  it('forty exports in one repository cost two git ls-files processes', () => {
    const { w, env } = workspace();
    const repo = initRepo(path.join(w.root, 'notes'));
    for (let i = 0; i < 40; i++) place(path.join(repo, `2026-12-01-chat-${i}.txt`), variant(V1, `chat ${i}`));
    // A `git` first on PATH that notes each call, then runs the real one.
    const bin = path.join(w.base, 'bin');
    const calls = path.join(w.base, 'git-calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    place(path.join(bin, 'git'), `#!/bin/sh\necho "$PWD $*" >> '${calls}'\nexec '${realGit}' "$@"\n`, 0o755);
    const { code, summary } = run(w, { ...env, PATH: `${bin}${path.delimiter}${env.PATH}` }, ['--no-git']);
    expect(code).toBe(0);
    expect(summary.archived.filter((a: ArchiveRow) => a.status === 'archived')).toHaveLength(40);
    const lsFiles = fs
      .readFileSync(calls, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(`${repo} `) && l.includes(' ls-files '));
    expect(lsFiles).toHaveLength(2);
  });
});
