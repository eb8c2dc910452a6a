import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bareRemoteFor,
  commitFile,
  git,
  gitSandbox,
  head,
  initRepo,
  installHook,
  removeSandbox,
  type GitSandbox,
} from '../helpers/git-repos';
import {
  CLI,
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

/**
 * `coditect sync` between machines: each machine a throw-away HOME with the memory repository
 * at ~/PROJECTS/demo-master, one bare `file://` remote between them; real CLI, real git.
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

interface Machine {
  w: Workspace;
  repo: string;
  cli: (args: string[]) => ReturnType<typeof runCli>;
  sync: (...extra: string[]) => { code: number | null; report: SyncJson; stderr: string };
}
interface SyncJson {
  ok: boolean;
  arrived: number;
  pushed: boolean;
  ahead: number;
  committed: string | null;
  ingested: { checkpointsAdded: number; messagesAdded: number } | null;
  problem: { stage: string; message: string; fix: string; output?: string } | null;
  summary: string;
}

function machine(w: Workspace): Machine {
  spaces.push(w);
  const env = { GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
  const cli = (args: string[]) => runCli(w, [...args, '--root', w.root], env);
  const sync = (...extra: string[]) => {
    const r = cli(['sync', '--json', ...extra]);
    return { code: r.code, report: JSON.parse(r.stdout) as SyncJson, stderr: r.stderr };
  };
  return { w, repo: w.master, cli, sync };
}

/** Machine A: the memory repository with a first commit, pushed to a new bare remote. */
function firstMachine(): { a: Machine; bare: string } {
  const a = machine(makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false }));
  initRepo(a.repo);
  const bare = bareRemoteFor(a.repo, path.join(a.w.base, 'memory.git'));
  return { a, bare };
}

/** Machine B: a clone of the remote where its memory repository sits. */
function cloneMachine(bare: string): Machine {
  const w = makeWorkspace({ exports: [], transcripts: false });
  fs.rmSync(w.master, { recursive: true, force: true });
  git(w.root, ['clone', '-q', `file://${bare}`, w.master]);
  fs.mkdirSync(w.memory, { recursive: true });
  return machine(w);
}

function importOn(m: Machine): void {
  const r = m.cli(['export-dedup', '--yes', '--json']);
  expect(JSON.parse(r.stdout).git.ok, r.stdout).toBe(true);
}

const checkpointsIn = (m: Machine) =>
  JSON.parse(m.cli(['checkpoints', 'list', '--json']).stdout) as unknown[];

describe('coditect sync between two clones', () => {
  it('A imports and pushes; B gets the commit and its index learns the checkpoint; nothing is forced', () => {
    const { a, bare } = firstMachine();
    importOn(a);
    const pushed = a.sync('--push');
    expect(pushed.code).toBe(0);
    expect(pushed.report).toMatchObject({ ok: true, pushed: true, ahead: 0, problem: null });
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(head(a.repo));

    const b = cloneMachine(bare);
    // B cloned after A pushed: the files are there, the index is not yet.
    expect(fs.existsSync(b.w.memory)).toBe(true);
    const first = b.sync();
    expect(first.report.ok).toBe(true);
    expect(first.report.arrived).toBe(0);
    expect(first.report.ingested).toMatchObject({ checkpointsAdded: 1 });
    expect(checkpointsIn(b)).toHaveLength(1);

    // A imports again; B's sync brings it in and indexes it.
    placeFile(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), path.join(a.w.downloads, 'more.txt'));
    importOn(a);
    expect(a.sync('--push').report.pushed).toBe(true);
    const second = b.sync();
    expect(second.code).toBe(0);
    expect(second.report.arrived).toBe(1);
    expect(second.report.ingested!.checkpointsAdded).toBeGreaterThan(0);
    expect(second.report.ingested!.messagesAdded).toBeGreaterThan(0);
    expect(head(b.repo)).toBe(head(a.repo));
    expect(checkpointsIn(b)).toHaveLength(checkpointsIn(a).length);
    expect(second.report.summary).toContain('1 commit(s) arrived');
  });

  it('commits pending memory, replays it on what arrived and pushes; the other machine gets it', () => {
    const { a, bare } = firstMachine();
    const b = cloneMachine(bare);
    commitFile(a.repo, 'MEMORY-CONTEXT/checkpoints/2026-11-30T08-00-00Z-From-A.md', '# From A\n');
    expect(a.sync('--push').report.pushed).toBe(true);
    // B has memory it never committed (a checkpoint document written while offline).
    fs.mkdirSync(path.join(b.w.memory, 'checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(b.w.memory, 'checkpoints', '2026-11-30T09-00-00Z-From-B.md'), '# From B\n');
    const published = head(a.repo);
    const r = b.sync('--push');
    // A's checkpoint, and A's own sync commit (its .gitignore keeping .local/ out).
    expect(r.report).toMatchObject({ ok: true, arrived: 2, pushed: true, ahead: 0 });
    expect(r.report.committed).toMatch(/^[0-9a-f]{40}$/);
    // Rebased, not merged: A's published commits are untouched, B's sits on top of them.
    expect(git(b.repo, ['rev-parse', 'HEAD~1']).trim()).toBe(published);
    expect(git(b.repo, ['log', '--format=%s', '-1']).trim()).toBe('memory: commit before sync');
    expect(git(b.repo, ['rev-list', '--merges', '--count', 'HEAD']).trim()).toBe('0');
    expect(a.sync().report.arrived).toBe(1);
    expect(
      fs.readFileSync(path.join(a.w.memory, 'checkpoints', '2026-11-30T09-00-00Z-From-B.md'), 'utf8'),
    ).toBe('# From B\n');
  });
});

describe('coditect sync: what stops it, said plainly, with nothing half-done', () => {
  it('remote unreachable: the memory is committed here, the message says so, the next sync pushes it', () => {
    const { a } = firstMachine();
    importOn(a);
    const good = git(a.repo, ['remote', 'get-url', 'origin']).trim();
    git(a.repo, ['remote', 'set-url', 'origin', `file://${path.join(a.w.base, 'gone.git')}`]);
    const before = head(a.repo);
    const r = a.sync('--push');
    expect(r.code).toBe(1);
    expect(r.report.problem).toMatchObject({ stage: 'fetch' });
    expect(r.report.problem!.message).toContain(`${a.repo}: could not reach origin`);
    expect(r.report.problem!.message).toContain('Your memory is committed here');
    expect(head(a.repo)).toBe(before);
    git(a.repo, ['remote', 'set-url', 'origin', good]);
    expect(a.sync('--push').report).toMatchObject({ ok: true, pushed: true });
  });

  it('push refused by a pre-receive hook: the hook’s words are shown, the commit stays, a later sync retries', () => {
    const { a, bare } = firstMachine();
    installHook(bare, 'pre-receive', 'echo "memory pushes are frozen today" >&2\nexit 1');
    importOn(a);
    const mine = head(a.repo);
    const r = a.sync('--push');
    expect(r.code).toBe(1);
    expect(r.report.problem).toMatchObject({ stage: 'push' });
    expect(r.report.problem!.message).toContain('the remote refused the push');
    expect(r.report.problem!.output).toContain('memory pushes are frozen today');
    expect(head(a.repo)).toBe(mine);
    expect(git(bare, ['rev-parse', 'main']).trim()).not.toBe(mine);
    fs.rmSync(path.join(bare, 'hooks', 'pre-receive'));
    expect(a.sync('--push').report).toMatchObject({ ok: true, pushed: true });
    expect(git(bare, ['rev-parse', 'main']).trim()).toBe(mine);
  });

  it('detached HEAD: named, nothing changed', () => {
    const { a } = firstMachine();
    git(a.repo, ['checkout', '-q', '--detach']);
    const r = a.sync('--push');
    expect(r.code).toBe(1);
    expect(r.report.problem!.message).toContain(`${a.repo} is on a detached HEAD`);
    expect(git(a.repo, ['status', '--porcelain', '--untracked-files=no']).trim()).toBe('');
  });

  it('changes outside the memory: named, and the pending memory is not committed either', () => {
    const { a } = firstMachine();
    fs.appendFileSync(path.join(a.repo, 'README.md'), 'my edit\n');
    fs.mkdirSync(path.join(a.w.memory, 'checkpoints'), { recursive: true });
    fs.writeFileSync(path.join(a.w.memory, 'checkpoints', 'pending.md'), '# pending\n');
    const before = head(a.repo);
    const r = a.sync('--push');
    expect(r.code).toBe(1);
    expect(r.report.problem!.message).toContain(`${a.repo} has changes outside the memory (README.md)`);
    expect(head(a.repo)).toBe(before);
  });

  it('the same memory file changed on both machines: the rebase is undone, the branch as it was', () => {
    const { a, bare } = firstMachine();
    const b = cloneMachine(bare);
    commitFile(a.repo, 'MEMORY-CONTEXT/MANIFEST.json', '{"machine":"a"}\n');
    expect(a.sync('--push').report.pushed).toBe(true);
    const mine = commitFile(b.repo, 'MEMORY-CONTEXT/MANIFEST.json', '{"machine":"b"}\n');
    const r = b.sync('--push');
    expect(r.code).toBe(1);
    expect(r.report.problem).toMatchObject({ stage: 'integrate' });
    expect(r.report.problem!.message).toContain('the rebase was undone');
    // The branch is as the sync's own commit left it (B's .gitignore), on top of B's work.
    expect(head(b.repo)).toBe(r.report.committed);
    expect(git(b.repo, ['rev-parse', 'HEAD~1']).trim()).toBe(mine);
    expect(fs.existsSync(path.join(b.repo, '.git', 'rebase-merge'))).toBe(false);
    expect(git(b.repo, ['status', '--porcelain', '--untracked-files=no']).trim()).toBe('');
  });

  it('a rebase left half-way by a killed sync is undone by the next one, which completes', () => {
    const { a, bare } = firstMachine();
    const b = cloneMachine(bare);
    commitFile(a.repo, 'MEMORY-CONTEXT/checkpoints/a.md', '# a\n');
    expect(a.sync('--push').report.pushed).toBe(true);
    const mine = commitFile(b.repo, 'MEMORY-CONTEXT/checkpoints/b.md', '# b\n');
    // The state a sync killed mid-rebase leaves: its marker, and git's rebase stopped half-way.
    git(b.repo, ['fetch', '-q', 'origin']);
    fs.mkdirSync(path.join(b.w.memory, '.local'), { recursive: true });
    fs.writeFileSync(
      path.join(b.w.memory, '.local', 'sync-rebasing.json'),
      JSON.stringify({ startedAt: new Date().toISOString(), before: mine }),
    );
    expect(() => git(b.repo, ['rebase', '-q', '--exec', 'false', 'origin/main'])).toThrow();
    expect(fs.existsSync(path.join(b.repo, '.git', 'rebase-merge'))).toBe(true);
    const r = b.sync('--push');
    expect(r.report).toMatchObject({ ok: true, arrived: 2, pushed: true });
    expect(git(bare, ['show', 'main:MEMORY-CONTEXT/checkpoints/b.md'])).toBe('# b\n');
    expect(git(bare, ['show', 'main:MEMORY-CONTEXT/checkpoints/a.md'])).toBe('# a\n');
  });

  it('a rebase the user started is never undone, even with a stale marker of an old sync', () => {
    const { a, bare } = firstMachine();
    const b = cloneMachine(bare);
    commitFile(a.repo, 'MEMORY-CONTEXT/checkpoints/a.md', '# a\n');
    expect(a.sync('--push').report.pushed).toBe(true);
    const older = head(b.repo);
    commitFile(b.repo, 'MEMORY-CONTEXT/checkpoints/b.md', '# b\n');
    git(b.repo, ['fetch', '-q', 'origin']);
    fs.mkdirSync(path.join(b.w.memory, '.local'), { recursive: true });
    fs.writeFileSync(
      path.join(b.w.memory, '.local', 'sync-rebasing.json'),
      JSON.stringify({ startedAt: new Date().toISOString(), before: older }),
    );
    expect(() => git(b.repo, ['rebase', '-q', '--exec', 'false', 'origin/main'])).toThrow();
    const r = b.sync('--push');
    expect(r.code).toBe(1);
    expect(r.report.problem!.message).toContain('a rebase is in progress (not started by CODITECT)');
    expect(fs.existsSync(path.join(b.repo, '.git', 'rebase-merge'))).toBe(true);
  });

  it('kill -9 at several points of a sync: the next sync completes, nothing lost', async () => {
    const { a, bare } = firstMachine();
    const b = cloneMachine(bare);
    const env = { ...b.w.env, GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
    // Points spread over the sync (lock, commit, fetch, rebase, index, push); where each lands varies.
    for (const [i, delayMs] of [0, 150, 400, 800, 1500].entries()) {
      commitFile(a.repo, `MEMORY-CONTEXT/checkpoints/a-${i}.md`, `# a ${i}\n`);
      expect(a.sync('--push').report.ok).toBe(true);
      fs.mkdirSync(path.join(b.w.memory, 'checkpoints'), { recursive: true });
      fs.writeFileSync(path.join(b.w.memory, 'checkpoints', `b-${i}.md`), `# b ${i}\n`);
      const child = spawn(process.execPath, [CLI, 'sync', '--push', '--root', b.w.root], {
        cwd: b.w.home,
        env,
        stdio: 'ignore',
      });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited;
      const next = b.sync('--push', '--wait', '30');
      expect(next.report, `after a kill at ${delayMs} ms`).toMatchObject({ ok: true, ahead: 0 });
      for (let j = 0; j <= i; j++) {
        expect(git(bare, ['show', `main:MEMORY-CONTEXT/checkpoints/a-${j}.md`])).toBe(`# a ${j}\n`);
        expect(git(bare, ['show', `main:MEMORY-CONTEXT/checkpoints/b-${j}.md`])).toBe(`# b ${j}\n`);
      }
    }
    expect(git(b.repo, ['status', '--porcelain', '--untracked-files=no']).trim()).toBe('');
  });

  it('a memory in no repository: one sentence with the fix', () => {
    const m = machine(makeWorkspace({ exports: [], transcripts: false }));
    const r = m.sync();
    expect(r.code).toBe(1);
    expect(r.report.problem!.message).toContain('is in no git repository');
    expect(r.report.problem!.fix).toContain('coditect setup');
  });
});
