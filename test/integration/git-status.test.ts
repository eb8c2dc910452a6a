import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitDirs } from '../../src-main/core/git/git-dir';
import { repoStatus, statusOfAll } from '../../src-main/core/git/repo-status';
import {
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
