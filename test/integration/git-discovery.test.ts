import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverRepos, type Repo } from '../../src-main/core/git/discover-repos';
import {
  addSubmodule,
  git,
  gitSandbox,
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
afterAll(() => {
  fs.chmodSync(path.join(sb.base, 'tree', 'PROJECTS', 'locked'), 0o755);
  removeSandbox(sb);
});

/**
 * Every kind of repository under one root, and the traps: a symlink loop, a link up to an
 * ancestor, a dangling link, a link to a repository outside the root, a repository inside
 * node_modules, and a directory nobody may read.
 */
function makeTree() {
  const base = path.join(sb.base, 'tree');
  const root = path.join(base, 'PROJECTS');
  const master = initRepo(path.join(root, 'master'));
  const source = initRepo(path.join(base, 'src', 'lib'));
  addSubmodule(master, source, 'submodules/lib');
  // `git add` of a repository: a gitlink with no .gitmodules entry.
  const embedded = initRepo(path.join(master, 'vendored'));
  git(master, ['add', 'vendored']);
  git(master, ['commit', '-q', '-m', 'vendor']);
  const nested = initRepo(path.join(master, 'playground'), { commit: false });
  git(master, ['worktree', 'add', '-q', '-b', 'wt', path.join(root, 'master-wt')]);
  const deep = initRepo(path.join(root, 'clients', 'acme', 'site'));
  initRepo(path.join(master, 'node_modules', 'left-pad'));
  const outside = initRepo(path.join(base, 'elsewhere', 'notes'));
  fs.symlinkSync(path.join(base, 'elsewhere'), path.join(root, 'linked'));
  fs.symlinkSync(path.join(root, 'clients'), path.join(root, 'clients', 'acme', 'loop'));
  fs.symlinkSync(base, path.join(root, 'clients', 'up'));
  fs.symlinkSync(path.join(base, 'nowhere'), path.join(root, 'dangling'));
  initRepo(path.join(root, 'locked', 'secret-repo'));
  write(path.join(root, 'plain', 'file.txt'), 'not a repository');
  return { base, root, master, embedded, nested, deep, outside };
}

function byRel(repos: Repo[]) {
  return Object.fromEntries(repos.map((r) => [r.relPath, r]));
}

describe('repository discovery', () => {
  const t = { tree: null as ReturnType<typeof makeTree> | null };
  const tree = () => (t.tree ??= makeTree());

  it('finds and classifies every repository, skipping node_modules and surviving symlink loops', async () => {
    const { root, master } = tree();
    fs.chmodSync(path.join(root, 'locked'), 0o755);
    const found = await discoverRepos(root);
    const repos = byRel(found.repos);
    expect(Object.keys(repos).sort()).toEqual(
      [
        'clients/acme/site',
        'linked/notes',
        'locked/secret-repo',
        'master',
        'master-wt',
        'master/playground',
        'master/submodules/lib',
        'master/vendored',
      ].sort(),
    );
    expect(repos['master']).toMatchObject({
      kind: 'top-level',
      dir: master,
      gitDir: path.join(master, '.git'),
    });
    expect(repos['master/submodules/lib']).toMatchObject({
      kind: 'submodule',
      parent: master,
      path: 'submodules/lib',
      registered: true,
    });
    expect(repos['master/submodules/lib']!.gitDir).toBe(
      path.join(master, '.git', 'modules', 'submodules', 'lib'),
    );
    expect(repos['master/vendored']).toMatchObject({
      kind: 'submodule',
      parent: master,
      path: 'vendored',
      registered: false,
    });
    expect(repos['master/playground']).toMatchObject({ kind: 'nested', enclosing: master });
    expect(repos['master-wt']).toMatchObject({ kind: 'worktree', of: master });
    expect(repos['clients/acme/site']).toMatchObject({ kind: 'top-level' });
    expect(repos['linked/notes']).toMatchObject({
      kind: 'top-level',
      dir: path.join(root, 'linked', 'notes'),
    });
    expect(found.problems.map((p) => p.path)).toContain(path.join(root, 'clients', 'up'));
  });

  const asRoot = process.getuid?.() === 0;

  it('reports a directory it may not read and goes on with the rest', async () => {
    const { root } = tree();
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    let result: { repos: { relPath: string }[]; problems: { path: string; reason: string }[] };
    if (asRoot) {
      // root reads everything: ask as an unprivileged user, through the real command.
      fs.chmodSync(sb.base, 0o755);
      const r = spawnSync(process.execPath, [CLI, 'repos', '--root', root, '--json'], {
        cwd: '/',
        env: { ...sb.env, HOME: sb.base, TMPDIR: '/tmp' },
        encoding: 'utf8',
        uid: 65534,
        gid: 65534,
      });
      expect(r.stderr).toBe('');
      result = JSON.parse(r.stdout);
    } else {
      result = await discoverRepos(root);
    }
    const rels = result.repos.map((r) => r.relPath);
    expect(rels).not.toContain('locked/secret-repo');
    expect(rels).toContain('master');
    expect(rels).toContain('clients/acme/site');
    expect(result.problems).toContainEqual({
      path: path.join(root, 'locked'),
      reason: 'permission denied: not searched',
    });
    fs.chmodSync(path.join(root, 'locked'), 0o755);
  });
});
