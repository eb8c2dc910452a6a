import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { gitEnv } from '../git/git-runner';
import { loadSettings, saveSettings } from '../settings/settings';
import { memoryLayout } from '../workspace/memory-layout';
import { writeFileAtomic } from '../workspace/atomic-write';
import { ensureGitignoreEntries } from '../workspace/gitignore';
import { sha256Text, type ManifestEntry } from './manifest';

/** The settings set-up writes (and "Remove CODITECT set-up" restores). */
export type SettingsField = 'projectsRoot' | 'memoryDir';

/**
 * One change set-up would make. Steps plan only what is missing, so planning twice after a
 * run yields nothing: that is what makes every step idempotent.
 */
export type SetupAction =
  | { kind: 'mkdir'; path: string }
  | { kind: 'write'; path: string; content: string }
  | { kind: 'git-init'; path: string }
  | { kind: 'git-clone'; url: string; path: string }
  /** The memory used so far, copied (never moved) into the chosen repository's new MEMORY-CONTEXT. */
  | { kind: 'copy-memory'; from: string; to: string }
  | { kind: 'gitignore'; path: string; lines: string[] }
  | { kind: 'settings'; path: string; field: SettingsField; value: string };

export function describeAction(a: SetupAction): string {
  switch (a.kind) {
    case 'mkdir':
      return `create folder ${a.path}`;
    case 'write':
      return `write ${a.path}`;
    case 'git-init':
      return `create a git repository in ${a.path} (git init)`;
    case 'git-clone':
      return `clone ${a.url} into ${a.path} (git clone)`;
    case 'copy-memory':
      return `copy the memory ${a.from} into ${a.to} (the original stays)`;
    case 'gitignore':
      return `add ${a.lines.join(', ')} to ${a.path}`;
    case 'settings':
      return `set ${a.field} to ${a.value} in ${a.path}`;
  }
}

/** Carries out one action and returns what the manifest must remember to undo it. */
export function applyAction(a: SetupAction): ManifestEntry {
  switch (a.kind) {
    case 'mkdir':
      fs.mkdirSync(a.path, { recursive: true });
      return { kind: 'dir', path: a.path };
    case 'write':
      writeFileAtomic(a.path, a.content);
      return { kind: 'file', path: a.path, sha256: sha256Text(a.content) };
    case 'git-init':
      execFileSync('git', ['init', '-q', a.path], { stdio: 'pipe' });
      return { kind: 'git-repo', path: a.path };
    case 'git-clone':
      cloneRepo(a.url, a.path);
      return { kind: 'git-repo', path: a.path };
    case 'copy-memory':
      copyMemory(a.from, a.to);
      return { kind: 'dir', path: a.to };
    case 'gitignore':
      return applyGitignore(a);
    case 'settings':
      return applySettings(a);
  }
}

function applyGitignore(a: Extract<SetupAction, { kind: 'gitignore' }>): ManifestEntry {
  const createdFile = !fs.existsSync(a.path);
  const lines = ensureGitignoreEntries(a.path, a.lines);
  return { kind: 'gitignore-lines', path: a.path, lines, createdFile };
}

function applySettings(a: Extract<SetupAction, { kind: 'settings' }>): ManifestEntry {
  const createdFile = !fs.existsSync(a.path);
  const { settings, problem } = loadSettings(a.path);
  // A broken settings file is the user's to fix; overwriting it would lose what they wrote.
  if (problem) throw new Error(problem);
  const previous = settings[a.field];
  saveSettings(a.path, { ...settings, [a.field]: a.value });
  return { kind: 'settings-field', path: a.path, field: a.field, value: a.value, previous, createdFile };
}

const CLONE_TIMEOUT_MS = 10 * 60_000;

// Credentials are git's own (credential helper, ssh agent); a prompt nobody sees would hang.
function cloneRepo(url: string, dir: string): void {
  try {
    execFileSync('git', ['clone', '-q', '--', url, dir], {
      stdio: 'pipe',
      env: gitEnv(process.env, false),
      timeout: CLONE_TIMEOUT_MS,
    });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    const said = e.stderr?.toString('utf8').trim() || e.message;
    throw new Error(`could not clone ${url} into ${dir}: ${said}`);
  }
}

/** The lock of a run that may hold the old memory is machine state, not memory: not copied. */
function copyMemory(from: string, to: string): void {
  const lock = memoryLayout(from);
  fs.cpSync(from, to, {
    recursive: true,
    errorOnExist: true,
    force: false,
    filter: (src) => src !== lock.lockTarget && src !== lock.lockOwnerFile,
  });
}
