import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GitLog } from '../../src-main/core/git/git-log';

/**
 * Real repositories in temp directories, independent of the machine's git set-up: every
 * test process gets its own global config (identity, file protocol for submodules, branch
 * name) through GIT_CONFIG_GLOBAL, and the system config is off.
 */

export interface GitSandbox {
  base: string;
  home: string;
  /** The isolated global git config, with an identity. */
  globalConfig: string;
  /** The same, without an identity (for the no-identity fault). */
  anonymousConfig: string;
  env: NodeJS.ProcessEnv;
}

const IDENTITY_VARS = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'EMAIL',
];
const REPO_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];

const BASE_CONFIG = `[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n[advice]\n\tdetachedHead = false\n[safe]\n\tdirectory = *\n[commit]\n\tgpgsign = false\n`;

/** Makes the sandbox and points this process's environment at it (vitest runs each file in its own process). */
export function gitSandbox(): GitSandbox {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-git-')));
  fs.chmodSync(base, 0o755);
  const home = path.join(base, 'home');
  fs.mkdirSync(home);
  const globalConfig = path.join(base, 'gitconfig');
  const anonymousConfig = path.join(base, 'gitconfig-anonymous');
  fs.writeFileSync(globalConfig, `${BASE_CONFIG}[user]\n\tname = Test Person\n\temail = test@example.com\n`);
  fs.writeFileSync(anonymousConfig, BASE_CONFIG);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    XDG_CONFIG_HOME: path.join(home, '.config'),
  };
  for (const k of [...IDENTITY_VARS, ...REPO_VARS]) delete env[k];
  for (const k of [...IDENTITY_VARS, ...REPO_VARS]) delete process.env[k];
  Object.assign(process.env, {
    HOME: home,
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
  });
  return { base, home, globalConfig, anonymousConfig, env };
}

export function removeSandbox(s: GitSandbox): void {
  fs.rmSync(s.base, { recursive: true, force: true });
}

/** Runs real git; throws with git's stderr on failure. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`git ${args.join(' ')} in ${cwd} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Exit code and output, for git commands expected to fail. */
export function gitTry(cwd: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

export function write(file: string, content: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** A repository with one commit (a README), on `main`. */
export function initRepo(dir: string, opts: { commit?: boolean } = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  if (opts.commit ?? true) {
    write(path.join(dir, 'README.md'), `# ${path.basename(dir)}\n`);
    git(dir, ['add', 'README.md']);
    git(dir, ['commit', '-q', '-m', 'initial']);
  }
  return dir;
}

export function commitFile(repo: string, rel: string, content: string, message = `add ${rel}`): string {
  write(path.join(repo, rel), content);
  git(repo, ['add', '--', rel]);
  git(repo, ['commit', '-q', '-m', message]);
  return git(repo, ['rev-parse', 'HEAD']).trim();
}

/** `git submodule add` of `source` at `rel` in `parent`, committed there. */
export function addSubmodule(parent: string, source: string, rel: string): string {
  git(parent, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', source, rel]);
  git(parent, ['commit', '-q', '-m', `add submodule ${rel}`]);
  return path.join(parent, rel);
}

/** A bare repository to push to, cloned into `clone` (which then tracks it). */
export function bareRemoteFor(repo: string, bare: string): string {
  git(path.dirname(bare), ['init', '-q', '--bare', '-b', 'main', bare]);
  git(repo, ['remote', 'add', 'origin', bare]);
  git(repo, ['push', '-q', '-u', 'origin', 'main']);
  return bare;
}

export function installHook(repo: string, name: string, script: string): void {
  const hooks = path.resolve(repo, git(repo, ['rev-parse', '--git-path', 'hooks']).trim());
  write(path.join(hooks, name), `#!/bin/sh\n${script}\n`);
  fs.chmodSync(path.join(hooks, name), 0o755);
}

export function head(repo: string): string {
  return git(repo, ['rev-parse', 'HEAD']).trim();
}

/** `git status --porcelain` (v1, with every untracked file), as lines. */
export function porcelain(repo: string, ...paths: string[]): string[] {
  return git(repo, [
    'status',
    '--porcelain',
    '--untracked-files=all',
    ...(paths.length ? ['--', ...paths] : []),
  ])
    .split('\n')
    .filter(Boolean);
}

/** The paths a commit changed, from `git show --stat --name-only`. */
export function filesIn(repo: string, rev = 'HEAD'): string[] {
  return git(repo, ['show', '--name-only', '--format=', rev]).split('\n').filter(Boolean).sort();
}

export interface LogRecord {
  level: 'info' | 'warn' | 'error';
  step: string;
  message: string;
}

/** A GitLog that keeps what it is told, for asserting that every action was logged. */
export function recordingLog(): GitLog & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const rec = (level: LogRecord['level']) => (step: string, message: string) =>
    void records.push({ level, step, message });
  return { records, info: rec('info'), warn: rec('warn'), error: rec('error') };
}
