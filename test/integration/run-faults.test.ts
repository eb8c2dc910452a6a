import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../helpers/corpus';
import { git, gitSandbox, initRepo, removeSandbox, type GitSandbox } from '../helpers/git-repos';
import { copyTree, makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/**
 * Faults end cleanly: the real `coditect` process, on a disk that fills up, a folder it may not
 * write, a root that is not there. Every run must exit (a hang is the defect these guard
 * against: the process is given a generous limit and a hang shows as no exit code).
 */
const spaces: Workspace[] = [];
const mounts: string[] = [];
let sb: GitSandbox;
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => {
  for (const m of mounts.splice(0).reverse()) spawnSync('umount', ['-l', m]);
  spaces.forEach(rmWorkspace);
  removeSandbox(sb);
});

function mountTmpfs(dir: string, opts: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status === 0) mounts.push(dir);
  return r.status === 0;
}

/** Mounting needs root (or CAP_SYS_ADMIN); where it is refused the tmpfs cases cannot run here. */
const canMount = (() => {
  const probe = fs.mkdtempSync('/tmp/coditect-mount-probe-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  if (r.status === 0) spawnSync('umount', [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
  return r.status === 0;
})();
const NO_MOUNT = 'mounting a tmpfs is not allowed here (needs root or CAP_SYS_ADMIN)';

/** About 5 MB of exports with distinct messages: the index they make does not fit in 1 MB. */
function workspaceWithExports(): { ws: Workspace; exports: string[] } {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(ws);
  const gen = path.join(ws.base, 'gen');
  generateCorpus(gen, {
    exportFiles: 30,
    transcriptFiles: 0,
    exchangesPerFile: 40,
    repeatShare: 0,
    answerBytes: 4000,
    seed: 11,
  });
  copyTree(path.join(gen, 'exports'), ws.downloads);
  fs.rmSync(gen, { recursive: true });
  return { ws, exports: fs.readdirSync(ws.downloads).sort() };
}

const RUN = ['export-dedup', '--yes', '--no-git', '--json', '--wait', '0'];

function runJson(ws: Workspace) {
  const r = runCli(ws, [...RUN, '--root', ws.root]);
  return { ...r, doc: r.stdout.trim() ? JSON.parse(r.stdout) : null };
}

describe.skipIf(!canMount)(`a disk that fills up during a run (skipped when ${NO_MOUNT})`, () => {
  it('fails with one JSON document, exit 1, the lock released; the next run with space imports all', () => {
    const { ws, exports } = workspaceWithExports();
    const local = path.join(ws.memory, '.local');
    // The index lives in .local: a small disk there fills during the import, while the memory
    // folder's own disk passes preflight's free-space check.
    expect(mountTmpfs(local, 'size=1m')).toBe(true);

    const full = runJson(ws);
    expect(full.code, full.stderr).toBe(1);
    expect(full.doc.outcome).toBe('failed');
    // Names the index and says what became of the run's work, in words.
    expect(full.doc.error).toBe(
      `the index ${path.join(local, 'coditect.sqlite')} could not be written (database or disk is full); this run's uncommitted imports were undone and the next run imports them again`,
    );
    expect(full.stderr).toContain(`coditect: ${full.doc.error}`);
    // Nothing was kept, and the summary does not count it as kept.
    expect(full.doc.counts).toEqual({ read: 0, newUnique: 0, duplicates: 0 });
    expect(full.doc.files.filter((f: { status: string }) => f.status === 'imported')).toEqual([]);
    expect(fs.existsSync(path.join(local, 'pipeline.lock'))).toBe(false);
    expect(fs.existsSync(path.join(local, 'pipeline.owner.json'))).toBe(false);
    expect(fs.readdirSync(ws.downloads).sort()).toEqual(exports);

    expect(spawnSync('mount', ['-o', 'remount,size=64m', local]).status).toBe(0);
    const again = runJson(ws);
    expect(again.code, again.stderr).toBe(0);
    expect(again.doc.outcome).toBe('done');
    expect(again.doc.files.filter((f: { status: string }) => f.status === 'imported')).toHaveLength(
      exports.length,
    );
    expect(fs.readdirSync(ws.downloads)).toEqual([]);
  });
});

describe.skipIf(!canMount)(`a memory folder on a read-only disk (skipped when ${NO_MOUNT})`, () => {
  it.each([
    ['empty', () => undefined],
    ['with its .local folder', (memory: string) => fs.mkdirSync(path.join(memory, '.local'))],
  ])('%s: one sentence naming the folder, the JSON document on stdout, exit 1', (_, prepare) => {
    const ws = makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false });
    spaces.push(ws);
    // Tests run as root, which a chmod does not stop: a tmpfs remounted read-only does.
    expect(mountTmpfs(ws.memory, 'size=1m')).toBe(true);
    prepare(ws.memory);
    expect(spawnSync('mount', ['-o', 'remount,ro', ws.memory]).status).toBe(0);

    const r = runJson(ws);
    expect(r.code, r.stderr).toBe(1);
    expect(r.doc.outcome).toBe('failed');
    expect(r.doc.error).toBe(
      `cannot write in the memory folder ${ws.memory}: it is on a read-only disk; nothing was imported or changed`,
    );
    expect(r.stderr).toContain(r.doc.error);
    expect(r.stderr).not.toMatch(/EROFS|ENOENT|symlink/);
    expect(fs.readdirSync(ws.master)).toContain('export-v1-macos.txt');

    const plain = runCli(ws, ['export-dedup', '--yes', '--no-git', '--root', ws.root]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain(`Error: ${r.doc.error}`);
  });
});

describe('a --root that does not exist', () => {
  it('is a usage error (exit 2) that names it, and nothing is created', () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(ws);
    const missing = path.join(ws.home, 'PROJETCS');
    for (const args of [
      ['export-dedup', '--yes', '--no-git', '--root', missing],
      ['export-dedup', '--yes', '--no-git', '--json', '--root', missing],
      ['scan', '--root', missing],
    ]) {
      const r = runCli(ws, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`--root ${missing}: no such folder`);
      expect(r.stdout).toBe('');
      expect(fs.existsSync(missing)).toBe(false);
    }
  });

  it('a file given as --root is refused the same way', () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(ws);
    const file = path.join(ws.home, 'notes.txt');
    fs.writeFileSync(file, 'not a folder\n');
    const r = runCli(ws, ['export-dedup', '--yes', '--no-git', '--root', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--root ${file}: not a folder`);
  });
});

describe('a run that imported nothing', () => {
  it('writes no checkpoint and makes no commit (one unterminated JSONL line)', () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(ws);
    initRepo(ws.master);
    const env = { GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
    // Cut mid-object: a whole last line without its newline is imported once settled (issue 13 §8a).
    const line = JSON.stringify({
      type: 'user',
      uuid: '5a0c3c1e-0000-4000-8000-000000000001',
      sessionId: '5a0c3c1e-0000-4000-8000-0000000000aa',
      timestamp: '2026-11-30T10:00:00.000Z',
      message: { role: 'user', content: 'a line Claude Code is still writing' },
    }).slice(0, -12);
    const transcript = path.join(ws.claudeProjects, '-home-u-PROJECTS-demo', 'half.jsonl');
    fs.mkdirSync(path.dirname(transcript), { recursive: true });
    fs.writeFileSync(transcript, line); // no newline: not a whole line yet
    const past = new Date(Date.now() - 3600_000);
    fs.utimesSync(transcript, past, past);
    const before = git(ws.master, ['rev-list', '--count', 'HEAD']).trim();

    for (let run = 0; run < 2; run++) {
      const r = runCli(ws, ['export-dedup', '--yes', '--json', '--root', ws.root], env);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.counts.read).toBe(0);
      expect(doc.checkpoint).toBeNull();
      expect(doc.git).toEqual({ skipped: 'nothing new to commit' });
    }
    expect(git(ws.master, ['rev-list', '--count', 'HEAD']).trim()).toBe(before);
    expect(fs.existsSync(path.join(ws.memory, 'checkpoints'))).toBe(false);
    expect(fs.readFileSync(transcript, 'utf8')).toBe(line);
  });
});
