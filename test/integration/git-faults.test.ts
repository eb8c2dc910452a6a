import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitStep } from '../../src-main/core/git/checkpoint-commit';
import type { FaultKind } from '../../src-main/core/git/faults';
import type { GitStepInput, GitStepReport } from '../../src-main/core/pipeline/git-seam';
import {
  bareRemoteFor,
  commitFile,
  filesIn,
  git,
  gitSandbox,
  gitTry,
  head,
  initRepo,
  installHook,
  porcelain,
  recordingLog,
  removeSandbox,
  write,
  type GitSandbox,
} from '../helpers/git-repos';
import { CLI } from '../helpers/workspace';

let sb: GitSandbox;
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => removeSandbox(sb));

/**
 * Two repositories under the root: `x/a`, the memory repository (deeper, so it goes first),
 * and `b`, which tracked an export the run archived into a's MEMORY-CONTEXT. Each fault is
 * put on `b`: a must still be committed, b must be left exactly as it was.
 */
interface Scene {
  root: string;
  a: string;
  b: string;
  input: GitStepInput;
  /** b's HEAD and `git status` before the run. */
  before: { head: string; status: string[] };
}

let n = 0;
function scene(): Scene {
  const root = path.join(sb.base, `scene-${++n}`, 'PROJECTS');
  const a = initRepo(path.join(root, 'x', 'a'));
  const b = initRepo(path.join(root, 'b'));
  commitFile(b, 'exports/session.txt', '> hi\n\n⏺ hello\n');
  const memory = path.join(a, 'MEMORY-CONTEXT');
  const archived = write(path.join(memory, 'exports-archive', 'session.txt'), '> hi\n\n⏺ hello\n');
  fs.rmSync(path.join(b, 'exports', 'session.txt'));
  const touchedPaths = [
    write(path.join(memory, 'checkpoints', 'cp.md'), '# cp\n'),
    write(path.join(memory, 'MANIFEST.json'), '{}\n'),
    archived,
    path.join(b, 'exports', 'session.txt'),
  ];
  const input = {
    projectsRoot: root,
    memoryDir: memory,
    touchedPaths,
    title: 'Fault drill',
    statsTrailer: 'read=2 new=2 duplicates=0',
  };
  return { root, a, b, input, before: { head: head(b), status: porcelain(b) } };
}

async function run(s: Scene, opts: { push?: boolean; lockWaitMs?: number } = {}) {
  const log = recordingLog();
  const report = await createGitStep({
    push: opts.push ?? false,
    logger: log,
    lockWaitMs: opts.lockWaitMs ?? 200,
  })(s.input);
  return { report, log };
}

/** The fault is reported for b, by name and with a fix; a is done; b is untouched; the error is logged. */
function expectFault(
  s: Scene,
  r: { report: GitStepReport; log: ReturnType<typeof recordingLog> },
  kind: FaultKind,
  text: RegExp,
) {
  expect(r.report.ok).toBe(false);
  expect(r.report.failures).toHaveLength(1);
  const f = r.report.failures[0]!;
  expect(f.repository).toBe(s.b);
  expect(f.reason).toContain(s.b);
  expect(f.reason).toContain('Fix: ');
  expect(f.reason).toMatch(text);
  expect(r.report.summary).toContain(`(${kind})`);
  expect(filesIn(s.a)).toContain('MEMORY-CONTEXT/exports-archive/session.txt');
  expect(r.log.records.some((l) => l.level === 'error' && l.step === 'git' && l.message.includes(s.b))).toBe(
    true,
  );
}

function expectUntouched(s: Scene) {
  expect(head(s.b)).toBe(s.before.head);
  expect(porcelain(s.b)).toEqual(s.before.status);
}

/** After the fix, running again finishes the work in b. */
async function expectRerunCompletes(s: Scene) {
  const again = await run(s);
  expect(again.report.failures).toEqual([]);
  expect(again.report.ok).toBe(true);
  expect(filesIn(s.b)).toEqual(['exports/session.txt']);
  expect(git(s.b, ['log', '-1', '--format=%s']).trim()).toBe('checkpoint: Fault drill');
}

describe('faults: each stops its repository only, says what to do, and a re-run finishes', () => {
  it('index.lock held: waits briefly, then gives up on that repository', async () => {
    const s = scene();
    const lock = path.join(s.b, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    const r = await run(s);
    expectFault(s, r, 'index-locked', /index\.lock/);
    fs.rmSync(lock);
    expectUntouched(s);
    await expectRerunCompletes(s);
  });

  it('index.lock let go while waiting: the commit goes through', async () => {
    const s = scene();
    const lock = path.join(s.b, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    setTimeout(() => fs.rmSync(lock), 100);
    const r = await run(s, { lockWaitMs: 30_000 });
    expect(r.report.ok).toBe(true);
    expect(filesIn(s.b)).toEqual(['exports/session.txt']);
  });

  it('no user.name / user.email (isolated HOME and global config): clear message, exit code 3', () => {
    const s = scene();
    git(s.a, ['config', 'user.name', 'Repo Local']);
    git(s.a, ['config', 'user.email', 'local@example.com']);
    const home = fs.mkdtempSync(path.join(sb.base, 'anon-home-'));
    const env = {
      ...sb.env,
      HOME: home,
      USERPROFILE: home,
      GIT_CONFIG_GLOBAL: sb.anonymousConfig,
      GIT_CONFIG_NOSYSTEM: '1',
      XDG_CONFIG_HOME: path.join(home, '.config'),
    };
    // `coditect commit` finishes what a run could not: here it is given the run's list through the pending file.
    write(
      path.join(s.input.memoryDir, '.local', 'git-pending.json'),
      JSON.stringify({ paths: s.input.touchedPaths }),
    );
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], { cwd: home, env, encoding: 'utf8' });
    const r = cli(['commit', '--root', s.root, '--memory', s.input.memoryDir]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain(`FAILED ${s.b}: git does not know who you are`);
    expect(r.stdout).toContain('git config --global user.name');
    expect(filesIn(s.a)).toContain('MEMORY-CONTEXT/exports-archive/session.txt');
    expect(git(s.a, ['log', '-1', '--format=%an']).trim()).toBe('Repo Local');
    expectUntouched(s);
    git(s.b, ['config', 'user.email', 'b@example.com']);
    git(s.b, ['config', 'user.name', 'B Person']);
    const again = cli(['commit', '--root', s.root, '--memory', s.input.memoryDir, '--json']);
    expect(again.status).toBe(0);
    expect(filesIn(s.b)).toEqual(['exports/session.txt']);
    expect(fs.existsSync(path.join(s.input.memoryDir, '.local', 'git-pending.json'))).toBe(false);
  });

  it('detached HEAD', async () => {
    const s = scene();
    git(s.b, ['checkout', '-q', '--detach']);
    const r = await run(s);
    expectFault(s, r, 'detached-head', /detached HEAD.*git -C ".*" switch <branch>/s);
    expectUntouched(s);
    git(s.b, ['checkout', '-q', 'main']);
    await expectRerunCompletes(s);
  });

  it('unresolved conflicts (a stash that did not apply cleanly)', async () => {
    const s = scene();
    write(path.join(s.b, 'README.md'), 'stashed change\n');
    git(s.b, ['stash', '-q']);
    commitFile(s.b, 'README.md', 'committed change\n');
    expect(gitTry(s.b, ['stash', 'pop']).code).not.toBe(0);
    s.before = { head: head(s.b), status: porcelain(s.b) };
    const r = await run(s);
    expectFault(s, r, 'conflicts', /unresolved conflicts \(README\.md\)/);
    expectUntouched(s);
    write(path.join(s.b, 'README.md'), 'resolved\n');
    git(s.b, ['add', 'README.md']);
    await expectRerunCompletes(s);
    // The user's resolution stays theirs to commit.
    expect(porcelain(s.b, 'README.md')).toEqual(['M  README.md']);
  });

  it('a merge in progress', async () => {
    const s = scene();
    git(s.b, ['checkout', '-q', '-b', 'topic']);
    commitFile(s.b, 'README.md', 'topic\n');
    git(s.b, ['checkout', '-q', 'main']);
    commitFile(s.b, 'README.md', 'main\n');
    expect(gitTry(s.b, ['merge', 'topic']).code).not.toBe(0);
    s.before = { head: head(s.b), status: porcelain(s.b) };
    const r = await run(s);
    expectFault(s, r, 'operation-in-progress', /a merge is in progress.*merge --abort/s);
    expectUntouched(s);
    git(s.b, ['merge', '--abort']);
    await expectRerunCompletes(s);
  });

  it('a rebase in progress', async () => {
    const s = scene();
    git(s.b, ['checkout', '-q', '--', 'exports/session.txt']); // git refuses to start a rebase over unstaged changes
    git(s.b, ['checkout', '-q', '-b', 'topic']);
    commitFile(s.b, 'README.md', 'topic\n');
    git(s.b, ['checkout', '-q', 'main']);
    commitFile(s.b, 'README.md', 'main\n');
    git(s.b, ['checkout', '-q', 'topic']);
    expect(gitTry(s.b, ['rebase', 'main']).code).not.toBe(0);
    expect(fs.existsSync(path.join(s.b, '.git', 'rebase-merge'))).toBe(true);
    fs.rmSync(path.join(s.b, 'exports', 'session.txt'));
    s.before = { head: head(s.b), status: porcelain(s.b) };
    const r = await run(s);
    expectFault(s, r, 'operation-in-progress', /a rebase is in progress.*rebase --abort/s);
    expectUntouched(s);
    git(s.b, ['rebase', '--abort']);
    git(s.b, ['checkout', '-q', 'main']);
    fs.rmSync(path.join(s.b, 'exports', 'session.txt')); // the abort checked the archived original out again
    await expectRerunCompletes(s);
  });

  it('a pre-commit hook that fails: its output is shown, nothing is left staged', async () => {
    const s = scene();
    installHook(
      s.b,
      'pre-commit',
      'echo "lint: $(git diff --cached --name-only) may not be deleted" >&2\nexit 1',
    );
    const r = await run(s);
    expectFault(
      s,
      r,
      'hook-failed',
      /hook.*rejected the commit[\s\S]*\| lint: exports\/session\.txt may not be deleted/,
    );
    expectUntouched(s);
    fs.rmSync(path.join(s.b, '.git', 'hooks', 'pre-commit'));
    await expectRerunCompletes(s);
  });

  it('a push that is rejected: the commit stays, nothing is forced, a re-run after a pull pushes', async () => {
    const s = scene();
    bareRemoteFor(s.a, path.join(path.dirname(s.root), 'a.git'));
    const bare = bareRemoteFor(s.b, path.join(path.dirname(s.root), 'b.git'));
    const other = path.join(path.dirname(s.root), 'b-other');
    git(path.dirname(s.root), ['clone', '-q', bare, other]);
    commitFile(other, 'other.txt', 'someone else\n');
    git(other, ['push', '-q', 'origin', 'main']);
    const theirs = head(other);
    const r = await run(s, { push: true });
    expectFault(s, r, 'push-rejected', /rejected.*Never forced.*pull --rebase/s);
    expect(filesIn(s.b)).toEqual(['exports/session.txt']); // committed locally
    expect(git(s.b, ['--git-dir', bare, 'rev-parse', 'main']).trim()).toBe(theirs); // remote untouched
    git(s.b, ['pull', '-q', '--rebase']);
    const again = await run(s, { push: true });
    expect(again.report.ok).toBe(true);
    expect(git(s.b, ['--git-dir', bare, 'rev-parse', 'main']).trim()).toBe(head(s.b));
  });

  it('no remote to push to', async () => {
    const s = scene();
    const r = await run(s, { push: true });
    expect(r.report.failures.map((f) => f.repository).sort()).toEqual([s.a, s.b].sort());
    expect(r.report.failures.every((f) => /has no remote.*remote add origin/s.test(f.reason))).toBe(true);
    expect(filesIn(s.b)).toEqual(['exports/session.txt']);
    for (const repo of [s.a, s.b])
      bareRemoteFor(repo, path.join(path.dirname(s.root), `${path.basename(repo)}-remote.git`));
    git(s.b, ['branch', '-q', '--unset-upstream']);
    const again = await run(s, { push: true });
    expect(again.report.ok).toBe(true);
    expect(git(s.b, ['rev-parse', '@{upstream}']).trim()).toBe(head(s.b));
  });

  it('a repository deleted while the run is going', async () => {
    const s = scene();
    // a goes first; its (passing) hook deletes b, as a user's `rm -rf` at the wrong moment would.
    installHook(s.a, 'pre-commit', `rm -rf "${s.b}"`);
    const r = await run(s);
    expectFault(s, r, 'missing-repo', /is gone: the repository was deleted or moved/);
    expect(fs.existsSync(s.b)).toBe(false);
    const again = await run(s);
    expect(again.report.ok).toBe(true);
  });
});

describe('the exit code of coditect commit', () => {
  it('is 1 when every repository failed', () => {
    const s = scene();
    fs.writeFileSync(path.join(s.a, '.git', 'index.lock'), '');
    const r = spawnSync(
      process.execPath,
      [CLI, 'commit', '--root', s.root, '--memory', s.input.memoryDir, '--json'],
      { cwd: sb.home, env: sb.env, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.repos[0]).toMatchObject({ status: 'failed', fault: { kind: 'index-locked', repo: s.a } });
  });
});
