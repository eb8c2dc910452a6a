import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { loadSettings, saveSettings } from '../settings/settings';
import { writeFileAtomic } from '../workspace/atomic-write';
import { ensureGitignoreEntries } from '../workspace/gitignore';
import { sha256Text, type ManifestEntry } from './manifest';

/**
 * One change set-up would make. Steps plan only what is missing, so planning twice after a
 * run yields nothing: that is what makes every step idempotent.
 */
export type SetupAction =
  | { kind: 'mkdir'; path: string }
  | { kind: 'write'; path: string; content: string }
  | { kind: 'git-init'; path: string }
  | { kind: 'gitignore'; path: string; lines: string[] }
  | { kind: 'settings'; path: string; projectsRoot: string };

export function describeAction(a: SetupAction): string {
  switch (a.kind) {
    case 'mkdir':
      return `create folder ${a.path}`;
    case 'write':
      return `write ${a.path}`;
    case 'git-init':
      return `create a git repository in ${a.path} (git init)`;
    case 'gitignore':
      return `add ${a.lines.join(', ')} to ${a.path}`;
    case 'settings':
      return `set projectsRoot to ${a.projectsRoot} in ${a.path}`;
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
  const previous = settings.projectsRoot;
  saveSettings(a.path, { ...settings, projectsRoot: a.projectsRoot });
  return {
    kind: 'settings-field',
    path: a.path,
    field: 'projectsRoot',
    value: a.projectsRoot,
    previous,
    createdFile,
  };
}
