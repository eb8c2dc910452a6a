import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bareRemoteFor,
  commitFile,
  git,
  gitSandbox,
  initRepo,
  removeSandbox,
  type GitSandbox,
} from '../helpers/git-repos';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/** `coditect setup`'s choice of memory repository, through the real CLI and real git. */
let sb: GitSandbox;
const spaces: Workspace[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => {
  spaces.forEach(rmWorkspace);
  removeSandbox(sb);
});

function freshRoot(): { w: Workspace; root: string; cli: (args: string[]) => ReturnType<typeof runCli> } {
  const w = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(w);
  const root = path.join(w.base, 'projects');
  fs.mkdirSync(root);
  const env = { GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
  return { w, root, cli: (args) => runCli(w, [...args, '--root', root], env) };
}

const settingsOf = (w: Workspace) =>
  JSON.parse(fs.readFileSync(path.join(w.home, '.coditect', 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;

describe('coditect setup: the memory repository', () => {
  it('never runs git init on the projects root or on home: a new repository of its own, name editable', () => {
    const { w, root, cli } = freshRoot();
    initRepo(path.join(root, 'app'));
    const r = cli(['setup', '--yes', '--new-repo', 'team-memory']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(fs.existsSync(path.join(w.home, '.git'))).toBe(false);
    const mem = path.join(root, 'team-memory', 'MEMORY-CONTEXT');
    expect(fs.existsSync(path.join(root, 'team-memory', '.git'))).toBe(true);
    expect(fs.existsSync(path.join(mem, 'dedup_state'))).toBe(true);
    expect(settingsOf(w).memoryDir).toBe(mem);
    // The CLI then works in that memory, and its run commits there.
    const run = JSON.parse(cli(['export-dedup', '--yes', '--json']).stdout);
    expect(run.memoryDir).toBe(mem);
    expect(run.memoryNotInGit).toBeNull();
  });

  it('uses an existing repository found under the root, as the seed workflow kept it', () => {
    const { w, root, cli } = freshRoot();
    const master = initRepo(path.join(root, 'master'));
    const headBefore = git(master, ['rev-parse', 'HEAD']);
    const r = cli(['setup', '--yes', '--use-repo', master]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Memory repository: the existing repository ${master}`);
    expect(fs.existsSync(path.join(master, 'MEMORY-CONTEXT', 'checkpoints'))).toBe(true);
    expect(git(master, ['rev-parse', 'HEAD'])).toBe(headBefore);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(settingsOf(w).memoryDir).toBe(path.join(master, 'MEMORY-CONTEXT'));
  });

  it('clones the memory another machine pushed (file:// remote) and finds its memory in it', () => {
    const { w, root, cli } = freshRoot();
    const other = initRepo(path.join(w.base, 'other-machine', 'memory'));
    commitFile(other, 'MEMORY-CONTEXT/checkpoints/2026-11-30T10-00-00Z-Elsewhere.md', '# Elsewhere\n');
    const bare = bareRemoteFor(other, path.join(w.base, 'remote.git'));
    const r = cli(['setup', '--yes', '--clone', `file://${bare}`, '--name', 'shared-memory']);
    expect(r.code).toBe(0);
    const mem = path.join(root, 'shared-memory', 'MEMORY-CONTEXT');
    expect(fs.readFileSync(path.join(mem, 'checkpoints', '2026-11-30T10-00-00Z-Elsewhere.md'), 'utf8')).toBe(
      '# Elsewhere\n',
    );
    expect(git(path.join(root, 'shared-memory'), ['remote', 'get-url', 'origin']).trim()).toBe(
      `file://${bare}`,
    );
    expect(settingsOf(w).memoryDir).toBe(mem);
  });

  it('a clone that cannot be made is named with git’s reason and leaves no folder and no settings', () => {
    const { w, root, cli } = freshRoot();
    const r = cli(['setup', '--yes', '--clone', `file://${path.join(w.base, 'no-such.git')}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toContain(`could not clone file://${path.join(w.base, 'no-such.git')}`);
    expect(fs.existsSync(path.join(root, 'no-such'))).toBe(false);
    expect(fs.existsSync(path.join(w.home, '.coditect', 'settings.json'))).toBe(false);
  });

  it('refuses the projects root itself and a malformed address, naming them', () => {
    const { root, cli } = freshRoot();
    const asRoot = cli(['setup', '--yes', '--use-repo', root]);
    expect(asRoot.code).toBe(1);
    expect(asRoot.stdout).toContain(`cannot be the projects root ${root} itself`);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'MEMORY-CONTEXT'))).toBe(false);
    const badUrl = cli(['setup', '--clone', 'not a url']);
    expect(badUrl.stdout).toContain('"not a url" is not a repository address git can clone');
  });

  it('detects a projects root an earlier set-up made a repository, explains it, and copies the memory out on request', () => {
    const { w, root, cli } = freshRoot();
    // What the previous release did: git init on the root, memory at <root>/MEMORY-CONTEXT.
    git(root, ['init', '-q', '-b', 'main']);
    commitFile(root, 'MEMORY-CONTEXT/checkpoints/2026-11-01T09-00-00Z-Old.md', '# Old\n');
    const plan = cli(['setup']);
    expect(plan.stdout).toContain(`Warning: The projects root ${root} is itself a git repository`);
    expect(plan.stdout).toContain('Problem: the memory repository cannot be the projects root');
    const doctor = cli(['doctor', '--json']);
    const check = JSON.parse(doctor.stdout).checks.find(
      (c: { name: string }) => c.name === 'memory repository',
    );
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('is itself a git repository');

    const moved = cli(['setup', '--yes', '--new-repo', '--move-memory']);
    expect(moved.code).toBe(0);
    const mem = path.join(root, 'coditect-memory', 'MEMORY-CONTEXT');
    expect(fs.readFileSync(path.join(mem, 'checkpoints', '2026-11-01T09-00-00Z-Old.md'), 'utf8')).toBe(
      '# Old\n',
    );
    // Nothing deleted: the original memory and the root's repository stay until the user removes them.
    expect(
      fs.existsSync(path.join(root, 'MEMORY-CONTEXT', 'checkpoints', '2026-11-01T09-00-00Z-Old.md')),
    ).toBe(true);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(true);
    expect(settingsOf(w).memoryDir).toBe(mem);
  });
});
