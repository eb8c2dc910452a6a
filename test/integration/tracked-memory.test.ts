import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { git, gitSandbox, removeSandbox, type GitSandbox } from '../helpers/git-repos';
import { trackedFiles, trackedFolders, trackedMessages, trackedText } from '../helpers/tracked-memory';
import {
  copyTree,
  FIXTURES,
  makeWorkspace,
  REPO,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

let sb: GitSandbox;
const spaces: Workspace[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterEach(() => spaces.splice(0).forEach(rmWorkspace));
afterAll(() => removeSandbox(sb));

const V1_MEMORY = path.join(REPO, 'test', 'fixtures', 'memory-v1', 'MEMORY-CONTEXT');
const SESSION = '1e2feb89-414c-343c-1027-c4d1c386bbc4.jsonl';
const PROJECT_DIR = '-Users-demo-PROJECTS-demo-master';

function ws(opts?: Parameters<typeof makeWorkspace>[0]): Workspace {
  const w = makeWorkspace(opts);
  spaces.push(w);
  return w;
}

function cli(w: Workspace, args: string[]) {
  const r = runCli(w, [...args, '--root', w.root], {
    GIT_CONFIG_GLOBAL: sb.globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
  });
  expect(r.stderr).not.toMatch(/TypeError|ReferenceError|at .*\.ts:\d+/);
  return r;
}

function json(w: Workspace, args: string[]): unknown {
  const r = cli(w, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

function importRun(w: Workspace, extra: string[] = []) {
  return json(w, ['export-dedup', '--yes', ...extra]) as {
    checkpoint: { id: string } | null;
    git: { ok?: boolean; skipped?: string };
  };
}

/** What a user sees of the memory: search results, every checkpoint with its sources and messages. */
function snapshot(w: Workspace) {
  const list = json(w, ['checkpoints', 'list']) as { id: string }[];
  return {
    list,
    shown: list.map((c) => json(w, ['checkpoints', 'show', c.id, '--limit', '1000'])),
    search: ['question', 'answer', 'symlink loops', 'module', 'fix'].map((q) =>
      json(w, ['search', ...q.split(' '), '--limit', '100']),
    ),
  };
}

/**
 * Import the first 17 lines of a transcript and half of its 18th (being written), then, a
 * checkpoint later, the whole of it.
 */
function halfThenWhole(w: Workspace): { halfBytes: number; wholeBytes: number } {
  const file = path.join(w.claudeProjects, PROJECT_DIR, SESSION);
  const whole = fs.readFileSync(file);
  const lines = whole.toString('utf8').split('\n');
  const half = lines.slice(0, 17).join('\n') + '\n';
  fs.writeFileSync(file, half + lines[17]!.slice(0, 40));
  const past = new Date(Date.now() - 3_600_000);
  fs.utimesSync(file, past, past);
  importRun(w, ['--no-git', '--description', 'Half']);
  fs.writeFileSync(file, whole);
  fs.utimesSync(file, past, past);
  importRun(w, ['--no-git', '--description', 'Whole']);
  return { halfBytes: Buffer.byteLength(half), wholeBytes: whole.length };
}

describe('the memory in format 2 (real CLI, real files)', () => {
  it('reindex restores the same sources, search results and checkpoints the import made (issue 13, item 5)', () => {
    const w = ws();
    halfThenWhole(w);
    const before = snapshot(w);
    const hits = (before.search[0] as { hits: { firstSource: string | null }[] }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.firstSource !== null)).toBe(true);
    const r = json(w, ['reindex']) as { checkpoints: number; problems: string[] };
    expect(r.problems).toEqual([]);
    expect(r.checkpoints).toBe(2);
    expect(snapshot(w)).toEqual(before);
  });

  it("a checkpoint's transcript record is its own and never changes (issue 13, item 6)", () => {
    const w = ws({ exports: [] });
    const { halfBytes, wholeBytes } = halfThenWhole(w);
    const [first, second] = json(w, ['checkpoints', 'list']) as { id: string }[];
    const sourceOf = (id: string) =>
      (
        json(w, ['checkpoints', 'show', id]) as {
          sources: { name: string; start_offset: number; end_offset: number }[];
        }
      ).sources.find((s) => s.name === SESSION)!;
    expect(sourceOf(first!.id)).toMatchObject({ start_offset: 0, end_offset: halfBytes });
    expect(sourceOf(second!.id)).toMatchObject({ start_offset: halfBytes, end_offset: wholeBytes });
    const tracked = trackedFolders(w.memory).map((f) => f.record.sources.find((s) => s.name === SESSION));
    expect(tracked.map((s) => [s?.start_offset, s?.end_offset])).toEqual([
      [0, halfBytes],
      [halfBytes, wholeBytes],
    ]);
  });

  it('tracks only files written once: no file changes after it is written, paths never name the home folder', () => {
    const w = ws();
    importRun(w, ['--no-git', '--description', 'One']);
    const files = trackedFiles(w.memory);
    const bytes = new Map(files.map((f) => [f, fs.readFileSync(path.join(w.memory, f))]));
    const more = path.join(w.downloads, 'later.txt');
    fs.writeFileSync(more, fs.readFileSync(path.join(FIXTURES, 'export-cp1252-mojibake.txt')));
    const past = new Date(Date.now() - 3_600_000);
    fs.utimesSync(more, past, past);
    importRun(w, ['--no-git', '--description', 'Two']);
    for (const [f, b] of bytes)
      if (!f.startsWith('exports-archive/')) expect(fs.readFileSync(path.join(w.memory, f))).toEqual(b);
    expect(trackedFolders(w.memory)).toHaveLength(2);
    expect(trackedText(w.memory)).not.toContain(w.home);
    const record = trackedFolders(w.memory)[0]!.record;
    expect(
      record.sources.filter((s) => s.kind === 'transcript').every((s) => s.path.startsWith('~/.claude/')),
    ).toBe(true);
    expect(fs.readFileSync(path.join(w.memory, '.gitattributes'), 'utf8')).toContain('*.gz binary');
  });
});

describe('migration from the format before 2 (a memory written by the previous release)', () => {
  function v1Workspace(): Workspace {
    const w = ws({ exports: [], transcripts: false });
    fs.rmSync(w.memory, { recursive: true, force: true });
    fs.mkdirSync(w.memory);
    copyTree(V1_MEMORY, w.memory);
    return w;
  }

  it('converts it in place on the first run, in one commit, and a second run changes nothing', () => {
    const w = v1Workspace();
    git(w.master, ['init', '-q']);
    git(w.master, ['add', '-A']);
    git(w.master, ['commit', '-q', '-m', 'memory of the previous release']);
    const first = importRun(w);
    expect(first.checkpoint).toBeNull();
    expect(first.git.ok).toBe(true);
    for (const gone of [
      'dedup_state/unique_messages.jsonl',
      'dedup_state/checkpoint_index.json',
      'MANIFEST.json',
    ])
      expect(fs.existsSync(path.join(w.memory, gone))).toBe(false);
    expect(fs.existsSync(path.join(w.memory, 'dedup_state', 'occurrences'))).toBe(false);
    const folders = trackedFolders(w.memory);
    expect(folders.map((f) => f.record.id)).toEqual([
      '2026-12-01T22-08-05Z-First-Import',
      '2026-12-01T22-08-07Z-Second-Import',
    ]);
    expect(folders.map((f) => f.record.counts)).toEqual([
      { read: 46, new_unique: 44, duplicates: 2 },
      { read: 70, new_unique: 21, duplicates: 49 },
    ]);
    expect(trackedMessages(w.memory)).toHaveLength(65);
    // One commit holds the whole conversion; nothing is left uncommitted.
    expect(git(w.master, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');
    const changed = git(w.master, ['show', '--name-status', '--format=%s', 'HEAD']);
    expect(changed.split('\n')[0]).toMatch(/Memory converted to format 2$/);
    expect(changed).toContain('D\tMEMORY-CONTEXT/dedup_state/unique_messages.jsonl');
    expect(changed).toContain('A\tMEMORY-CONTEXT/FORMAT.json');
    expect(git(w.master, ['status', '--porcelain']).trim()).toBe('');
    const totals = (json(w, ['checkpoints', 'list']) as { read_count: number }[]).map((c) => c.read_count);
    expect(totals).toEqual([46, 70]);

    const tracked = trackedText(w.memory);
    const again = importRun(w);
    expect(again.git.skipped).toBe('nothing new to commit');
    expect(trackedText(w.memory)).toBe(tracked);
    expect(git(w.master, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');
  });

  it('a fresh clone of the converted memory indexes the same messages and search results', () => {
    const w = v1Workspace();
    importRun(w, ['--no-git']);
    const before = snapshot(w);
    expect((before.search[0] as { hits: unknown[] }).hits.length).toBeGreaterThan(0);
    fs.rmSync(path.join(w.memory, '.local'), { recursive: true, force: true });
    expect(json(w, ['reindex'])).toMatchObject({ messages: 65, checkpoints: 2, problems: [] });
    expect(snapshot(w)).toEqual(before);
  });

  it('converted by `coditect reindex`, it is committed by the next run that commits', () => {
    const w = v1Workspace();
    git(w.master, ['init', '-q']);
    git(w.master, ['add', '-A']);
    git(w.master, ['commit', '-q', '-m', 'memory of the previous release']);
    const r = cli(w, ['reindex']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the next `coditect export-dedup` commits it');
    const later = path.join(w.downloads, 'later.txt');
    fs.copyFileSync(path.join(FIXTURES, 'export-cp1252-mojibake.txt'), later);
    const past = new Date(Date.now() - 3_600_000);
    fs.utimesSync(later, past, past);
    expect(importRun(w).git.ok).toBe(true);
    expect(git(w.master, ['show', '--name-status', '--format=%s', 'HEAD'])).toContain(
      'D\tMEMORY-CONTEXT/dedup_state/unique_messages.jsonl',
    );
    expect(git(w.master, ['status', '--porcelain']).trim()).toBe('');
  });
});
