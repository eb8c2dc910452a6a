import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverRepos } from '../../src-main/core/git/discover-repos';
import { readGitDirs } from '../../src-main/core/git/git-dir';
import { GitCommandError, runGit, runGitEach } from '../../src-main/core/git/git-runner';
import { repoStatus, statusOfAll } from '../../src-main/core/git/repo-status';
import {
  addSubmodule,
  bareRemoteFor,
  commitFile,
  git,
  gitSandbox,
  gitTry,
  head,
  initRepo,
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

let n = 0;
function repo(opts?: { commit?: boolean }) {
  const dir = initRepo(path.join(sb.base, `r${++n}`, 'PROJECTS', 'repo'), opts);
  return dir;
}

function status(dir: string) {
  const d = readGitDirs(dir)!;
  return repoStatus({ dir, gitDir: d.gitDir, commonDir: d.commonDir });
}

/** What git itself says about the last commit. */
function gitLastCommit(dir: string) {
  const [hash, subject, ct] = git(dir, ['log', '-1', '--format=%H%x00%s%x00%ct']).trim().split('\0');
  return { hash, subject, time: new Date(Number(ct) * 1000).toISOString() };
}

describe('repository status', () => {
  it('counts staged, modified, untracked files and names the last commit', async () => {
    const dir = repo();
    commitFile(dir, 'a.txt', 'a\n', 'Add a.txt\n\nwith a body');
    write(path.join(dir, 'a.txt'), 'changed\n');
    write(path.join(dir, 'b.txt'), 'new, staged\n');
    git(dir, ['add', 'b.txt']);
    write(path.join(dir, 'c.txt'), 'untracked\n');
    write(path.join(dir, 'd', 'e.txt'), 'untracked dir\n');
    const s = await status(dir);
    expect(s.head).toEqual({ type: 'branch', name: 'main', oid: head(dir), upstream: null });
    expect(s.counts).toEqual({ staged: 1, modified: 1, untracked: 2, conflicted: 0 });
    expect(s.operation).toBeNull();
    expect(s.lastCommit).toEqual(gitLastCommit(dir));
    expect(s.lastCommit!.subject).toBe('Add a.txt');
  });

  it('reads the last commit from a packed object too', async () => {
    const dir = repo();
    commitFile(dir, 'x.txt', 'x', 'Packed away');
    git(dir, ['gc', '-q', '--aggressive', '--prune=now']);
    expect(fs.existsSync(path.join(dir, '.git', 'objects', head(dir).slice(0, 2), head(dir).slice(2)))).toBe(
      false,
    );
    expect((await status(dir)).lastCommit).toEqual(gitLastCommit(dir));
  });

  it('has no last commit on an unborn branch', async () => {
    const s = await status(repo({ commit: false }));
    expect(s.head).toEqual({ type: 'branch', name: 'main', oid: null, upstream: null });
    expect(s.lastCommit).toBeNull();
  });

  it('shows the upstream and how far ahead and behind it the branch is', async () => {
    const dir = repo();
    const bare = bareRemoteFor(dir, path.join(path.dirname(dir), 'remote.git'));
    const other = path.join(path.dirname(dir), 'other');
    git(path.dirname(dir), ['clone', '-q', bare, other]);
    commitFile(other, 'theirs.txt', '1');
    git(other, ['push', '-q']);
    commitFile(dir, 'mine-1.txt', '1');
    commitFile(dir, 'mine-2.txt', '2');
    git(dir, ['fetch', '-q']);
    const s = await status(dir);
    expect(s.head).toMatchObject({
      type: 'branch',
      upstream: { name: 'origin/main', aheadBehind: { ahead: 2, behind: 1 } },
    });
  });

  it('shows a detached HEAD', async () => {
    const dir = repo();
    git(dir, ['checkout', '-q', '--detach']);
    expect((await status(dir)).head).toEqual({ type: 'detached', oid: head(dir) });
  });

  it.each([
    ['merge', (d: string) => gitTry(d, ['merge', 'topic'])],
    ['rebase', (d: string) => (git(d, ['checkout', '-q', 'topic']), gitTry(d, ['rebase', 'main']))],
    ['cherry-pick', (d: string) => gitTry(d, ['cherry-pick', 'topic'])],
  ] as const)('shows a %s in progress, and the conflict', async (op, start) => {
    const dir = repo();
    git(dir, ['checkout', '-q', '-b', 'topic']);
    commitFile(dir, 'README.md', 'topic side\n');
    git(dir, ['checkout', '-q', 'main']);
    commitFile(dir, 'README.md', 'main side\n');
    expect(start(dir).code).not.toBe(0);
    const s = await status(dir);
    expect(s.operation).toBe(op);
    expect(s.counts.conflicted).toBe(1);
  });

  it('shows a bisect in progress', async () => {
    const dir = repo();
    const first = head(dir);
    commitFile(dir, 'x', '1');
    commitFile(dir, 'y', '2');
    git(dir, ['bisect', 'start', 'HEAD', first]);
    expect((await status(dir)).operation).toBe('bisect');
  });

  it('reports a repository that is gone as that row only', async () => {
    const a = repo();
    const b = repo();
    const rows = await statusOfAll([a, b].map((dir) => ({ dir, ...readGitDirs(dir)! })));
    fs.rmSync(b, { recursive: true });
    const after = await statusOfAll(
      [a, b].map((dir) => ({ dir, gitDir: path.join(dir, '.git'), commonDir: path.join(dir, '.git') })),
    );
    expect(rows.every((r) => r.status.ok)).toBe(true);
    expect(after[0]!.status.ok).toBe(true);
    expect(after[1]!.status).toEqual({ ok: false, error: 'the repository is gone (deleted or moved)' });
  });
});

describe('the status of many repositories at once', () => {
  // statusOfAll starts git in batches (a shell per batch on POSIX): every row must be what
  // repoStatus, one git per repository, says about it.
  it('gives each repository the status repoStatus gives it', async () => {
    const root = path.join(sb.base, 'many', 'PROJECTS');
    const work = initRepo(path.join(root, 'work'));
    commitFile(work, 'a.txt', 'a\n');
    write(path.join(work, 'a.txt'), 'changed\n');
    write(path.join(work, 'b.txt'), 'staged\n');
    git(work, ['add', 'b.txt']);
    git(work, ['mv', 'README.md', 'READ ME.md']);
    write(path.join(work, 'new', 'c.txt'), 'untracked\n');

    const lib = initRepo(path.join(sb.base, 'many', 'sources', 'lib'));
    const withSub = initRepo(path.join(root, 'with-sub'));
    addSubmodule(withSub, lib, 'vendor/lib');
    const dirtySub = initRepo(path.join(root, 'dirty-sub'));
    const sub = addSubmodule(dirtySub, lib, 'vendor/lib');
    write(path.join(sub, 'README.md'), 'edited in the submodule\n');
    write(path.join(sub, 'stray.txt'), 'untracked in the submodule\n');
    const movedSub = initRepo(path.join(root, 'moved-sub'));
    commitFile(addSubmodule(movedSub, lib, 'vendor/lib'), 'more.txt', 'a new commit in the submodule\n');

    const ahead = initRepo(path.join(root, 'ahead'));
    const bare = bareRemoteFor(ahead, path.join(sb.base, 'many', 'ahead.git'));
    const other = path.join(sb.base, 'many', 'other');
    git(path.dirname(other), ['clone', '-q', bare, other]);
    commitFile(other, 'theirs.txt', '1');
    git(other, ['push', '-q']);
    commitFile(ahead, 'mine.txt', '1');
    git(ahead, ['fetch', '-q']);

    const detached = initRepo(path.join(root, 'detached'));
    git(detached, ['checkout', '-q', '--detach']);
    initRepo(path.join(root, 'unborn'), { commit: false });
    const packed = initRepo(path.join(root, 'packed'));
    commitFile(packed, 'p.txt', 'p', 'Packed away');
    git(packed, ['gc', '-q', '--prune=now']);
    const merging = initRepo(path.join(root, 'merging'));
    git(merging, ['checkout', '-q', '-b', 'topic']);
    commitFile(merging, 'README.md', 'topic side\n');
    git(merging, ['checkout', '-q', 'main']);
    commitFile(merging, 'README.md', 'main side\n');
    gitTry(merging, ['merge', 'topic']);
    // A name a shell would split, expand or stop at.
    const odd = initRepo(path.join(root, `it's "odd" $HOME \\ \n é`));
    write(path.join(odd, 'x.txt'), 'untracked\n');

    const found = (await discoverRepos(root)).repos;
    expect(found).toHaveLength(13);
    const gone = { dir: path.join(root, 'gone'), gitDir: path.join(root, 'gone', '.git') };
    const notARepo = path.join(root, 'not-a-repo');
    fs.mkdirSync(notARepo);
    const repos = [
      ...found,
      { ...gone, commonDir: gone.gitDir },
      { dir: notARepo, gitDir: path.join(notARepo, '.git'), commonDir: path.join(notARepo, '.git') },
    ];

    const batched = await statusOfAll(repos, 2);
    const oneByOne = await statusOfAll(repos, 2, { batch: false });
    expect(batched).toEqual(oneByOne);
    for (const { repo, status } of batched.slice(0, found.length))
      expect(status, repo.dir).toEqual({ ok: true, ...(await repoStatus(repo)) });
    expect(batched.at(-2)!.status).toEqual({ ok: false, error: 'the repository is gone (deleted or moved)' });
    expect(batched.at(-1)!.status).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a git repository/),
    });

    // What the dashboard shows, spelled out for the cases above.
    const by = (dir: string) =>
      batched.find((r) => r.repo.dir === dir)!.status as { ok: true } & Awaited<
        ReturnType<typeof repoStatus>
      >;
    expect(by(work).counts).toEqual({ staged: 2, modified: 1, untracked: 1, conflicted: 0 });
    expect(by(withSub).counts).toEqual({ staged: 0, modified: 0, untracked: 0, conflicted: 0 });
    expect(by(dirtySub).counts).toEqual({ staged: 0, modified: 1, untracked: 0, conflicted: 0 });
    expect(by(sub).counts).toEqual({ staged: 0, modified: 1, untracked: 1, conflicted: 0 });
    expect(by(movedSub).counts.modified).toBe(1);
    expect(by(ahead).head).toMatchObject({ upstream: { aheadBehind: { ahead: 1, behind: 1 } } });
    expect(by(detached).head).toEqual({ type: 'detached', oid: head(detached) });
    expect(by(path.join(root, 'unborn')).lastCommit).toBeNull();
    expect(by(packed).lastCommit).toEqual(gitLastCommit(packed));
    expect(by(merging)).toMatchObject({ operation: 'merge', counts: { conflicted: 1 } });
    expect(by(odd).counts.untracked).toBe(1);
  });

  it('runs a command in each directory as runGit does, failures and odd arguments included', async () => {
    const a = repo();
    const b = repo();
    const c = repo();
    commitFile(b, "it's.txt", 'x', `it's "quoted" $HOME \\ \`x\``);
    const dirs = [a, b, path.join(sb.base, 'nowhere'), c];
    const args = ['log', '-1', '--format=%s%x00%H', '--', "it's.txt"];
    const each = await runGitEach(dirs, args, { concurrency: 2, readOnly: true });
    expect(each[0]).toEqual({ ok: true, stdout: await runGit(a, args) });
    expect(each[1]).toEqual({ ok: true, stdout: await runGit(b, args) });
    expect(each[1]!.ok && each[1]!.stdout.split('\0')[0]).toBe(`it's "quoted" $HOME \\ \`x\``);
    expect(each[2]).toMatchObject({ ok: false, error: { name: 'MissingDirectoryError' } });
    expect(each[3]).toEqual({ ok: true, stdout: '' });

    const bad = ['rev-parse', '--verify', 'no-such-branch'];
    const failed = await runGitEach([a, b], bad, { concurrency: 1 });
    const direct = (await runGit(a, bad).catch((e: unknown) => e)) as GitCommandError;
    for (const f of failed) {
      expect(f.ok).toBe(false);
      const e = (f as { error: GitCommandError }).error;
      expect(e).toBeInstanceOf(GitCommandError);
      expect([e.exitCode, e.message, e.args]).toEqual([direct.exitCode, direct.message, bad]);
    }
  });

  it('stops a git that gives no output for the time limit, and the processes it started', async () => {
    const a = repo();
    const b = repo();
    // If the time-out left the sleep running, its open stdout would hold the batch past the test's limit.
    const slow = ['-c', 'alias.slow=!sleep 60', 'slow'];
    const each = await runGitEach([a, b], slow, { concurrency: 1, timeoutMs: 300 });
    for (const r of each)
      expect(r).toMatchObject({
        ok: false,
        error: { message: 'git gave no output for 0.3 s and was stopped' },
      });
  });
});

describe('coditect repos', () => {
  it('prints every repository with its status, as a table or as JSON', async () => {
    const dir = repo();
    const root = path.dirname(dir);
    initRepo(path.join(dir, 'nested'));
    write(path.join(dir, 'untracked.txt'), 'x');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [CLI, 'repos', '--root', root, ...args], {
        cwd: sb.home,
        env: sb.env,
        encoding: 'utf8',
      });
    const json = cli(['--json']);
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.root).toBe(root);
    expect(doc.repos.map((r: { relPath: string; kind: string }) => [r.relPath, r.kind])).toEqual([
      ['repo', 'top-level'],
      ['repo/nested', 'nested'],
    ]);
    expect(doc.repos[0].status).toMatchObject({
      ok: true,
      head: { name: 'main' },
      counts: { untracked: 2 },
      lastCommit: { subject: 'initial' },
    });
    const text = cli([]);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(
      /^REPOSITORY\s+KIND\s+BRANCH\s+UPSTREAM\s+STAGED\s+MODIFIED\s+UNTRACKED\s+CONFLICTS\s+IN PROGRESS\s+LAST COMMIT$/,
    );
    expect(text.stdout).toMatch(/repo\/nested\s+nested in repo\s+main/);
    expect(cli(['--root', path.join(root, 'missing')]).status).toBe(2);
  });
});
