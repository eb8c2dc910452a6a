import path from 'node:path';
import { MEMORY_DIR_NAME } from '../workspace/memory-layout';

/**
 * Which repository keeps the memory: one the user has under the root (the seed workflow kept
 * MEMORY-CONTEXT/ in its master repository), a new one `<root>/<name>`, or a clone of the
 * memory another machine pushed. The memory itself is always `<repo>/MEMORY-CONTEXT`.
 */
export type MemoryChoice =
  | { mode: 'existing'; repo: string }
  | { mode: 'new'; name: string }
  | { mode: 'clone'; url: string; name: string };

export const DEFAULT_MEMORY_REPO_NAME = 'coditect-memory';

/** The repository's folder for a choice: absolute, under the root for `new` and `clone`. */
export function memoryRepoDir(root: string, choice: MemoryChoice): string {
  return choice.mode === 'existing' ? path.resolve(root, choice.repo) : path.join(root, choice.name);
}

export function memoryDirOf(repo: string): string {
  return path.join(repo, MEMORY_DIR_NAME);
}

/**
 * Why a choice cannot be used, in one sentence naming the folder or the address; null when
 * it can. The projects root and the home folder are never made a repository: every
 * repository the user has would end up inside it.
 */
export function choiceProblem(choice: MemoryChoice, root: string, home: string): string | null {
  if (choice.mode !== 'existing') {
    const bad = nameProblem(choice.name);
    if (bad) return bad;
  }
  if (choice.mode === 'clone') {
    const bad = urlProblem(choice.url);
    if (bad) return bad;
  }
  const dir = memoryRepoDir(root, choice);
  if (dir === path.resolve(root))
    return `the memory repository cannot be the projects root ${root} itself: it would hold every repository under it; choose a repository inside it or a new one`;
  if (dir === path.resolve(home))
    return `the memory repository cannot be your home folder ${home}; choose a repository under the projects root or a new one`;
  return null;
}

function nameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.length > 100)
    return `"${name}" cannot be the memory repository's folder name: use letters, digits, ".", "_" or "-" (for example ${DEFAULT_MEMORY_REPO_NAME})`;
  return null;
}

// https and ssh (both `ssh://` and git's `user@host:path`), plus git:// and file:// (a bare
// repository on this machine or a mounted share). Credentials are git's own business.
const URL_FORMS = [
  /^https?:\/\/\S+$/i,
  /^ssh:\/\/\S+$/i,
  /^git:\/\/\S+$/i,
  /^file:\/\/\S+$/i,
  /^[\w.-]+@[\w.-]+:\S+$/,
];

function urlProblem(url: string): string | null {
  if (URL_FORMS.some((r) => r.test(url))) return null;
  return `"${url}" is not a repository address git can clone: expected https://host/owner/repo.git, ssh://host/path, git@host:owner/repo.git or file:///path`;
}

/** The folder a clone goes into when the user names none: the address's last part, without .git. */
export function nameFromUrl(url: string): string {
  const last = url.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  const name = last.replace(/\.git$/i, '');
  return nameProblem(name) ? DEFAULT_MEMORY_REPO_NAME : name;
}

export function describeChoice(choice: MemoryChoice, root: string): string {
  const dir = memoryRepoDir(root, choice);
  switch (choice.mode) {
    case 'existing':
      return `the existing repository ${dir}`;
    case 'new':
      return `a new repository ${dir}`;
    case 'clone':
      return `${dir}, cloned from ${choice.url}`;
  }
}
