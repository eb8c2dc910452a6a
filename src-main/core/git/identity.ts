import fs from 'node:fs';
import path from 'node:path';
import { GitCommandError, runGit } from './git-runner';

/**
 * The author identity git uses for commits in one repository (user.name, user.email), and
 * where each value comes from. Checkpoint commits fail without one, so the wizard shows it and
 * lets the user set it: in the repository itself by default (`--local`), or for every
 * repository (`--global`, ~/.gitconfig) only when the user asks for that.
 */
export type ConfigScope = 'local' | 'global' | 'system' | 'worktree' | 'command' | 'unknown';
export type WriteScope = 'local' | 'global';

export interface ConfigValue {
  value: string;
  scope: ConfigScope;
}

export interface GitIdentity {
  repo: string;
  /** The directory is a git repository (so `local` can be written). */
  isRepo: boolean;
  name: ConfigValue | null;
  email: ConfigValue | null;
}

export async function readGitIdentity(repo: string, env: NodeJS.ProcessEnv): Promise<GitIdentity> {
  const isRepo = fs.existsSync(path.join(repo, '.git'));
  const read = (key: string) => (isRepo ? readValue(repo, key, env) : readOutsideRepo(repo, key, env));
  return { repo, isRepo, name: await read('user.name'), email: await read('user.email') };
}

export async function setGitIdentity(
  repo: string,
  identity: { name: string; email: string },
  scope: WriteScope,
  env: NodeJS.ProcessEnv,
): Promise<GitIdentity> {
  const at = scope === 'local' ? repo : existingDir(repo, env);
  for (const [key, value] of [
    ['user.name', identity.name],
    ['user.email', identity.email],
  ] as const)
    await runGit(at, ['config', `--${scope}`, key, value], { env });
  return readGitIdentity(repo, env);
}

async function readValue(dir: string, key: string, env: NodeJS.ProcessEnv): Promise<ConfigValue | null> {
  const out = await configGet(dir, ['--show-scope', '--get', key], env);
  if (out === null) return null;
  const tab = out.indexOf('\t');
  const scope = tab > 0 ? out.slice(0, tab) : 'unknown';
  return { value: out.slice(tab + 1), scope: isScope(scope) ? scope : 'unknown' };
}

// Not a repository yet (set-up has not run): the files that will apply once it is, global
// then system. Asking in a parent folder instead could read some other repository's config.
async function readOutsideRepo(
  repo: string,
  key: string,
  env: NodeJS.ProcessEnv,
): Promise<ConfigValue | null> {
  const dir = existingDir(repo, env);
  for (const scope of ['global', 'system'] as const) {
    const value = await configGet(dir, [`--${scope}`, '--get', key], env);
    if (value !== null) return { value, scope };
  }
  return null;
}

/** `git config …` output without its line end; null when the key is not set (exit code 1). */
async function configGet(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const out = await runGit(dir, ['config', ...args], { env, readOnly: true });
    return out.replace(/\r?\n$/, '');
  } catch (err) {
    if (err instanceof GitCommandError && err.exitCode === 1) return null;
    throw err;
  }
}

const SCOPES: readonly ConfigScope[] = ['local', 'global', 'system', 'worktree', 'command'];
function isScope(s: string): s is ConfigScope {
  return (SCOPES as readonly string[]).includes(s);
}

/** The closest existing folder of `dir`, else the home folder: git needs a working directory. */
function existingDir(dir: string, env: NodeJS.ProcessEnv): string {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    if (fs.existsSync(p)) return p;
    if (p === path.dirname(p)) return env.HOME ?? p;
  }
}
