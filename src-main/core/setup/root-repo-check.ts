import fs from 'node:fs';
import path from 'node:path';
import { readManifest } from './manifest';

/**
 * An earlier `coditect setup` ran `git init` on the projects root (or a user did on home):
 * every repository under it then shows as nested in it, with untracked entries that never go
 * away. Found and explained, never removed for the user: that repository's history may be theirs.
 */
export function rootRepoWarnings(root: string, home: string, configDir: string): string[] {
  const out: string[] = [];
  for (const [dir, what] of [
    [root, 'The projects root'],
    [home, 'Your home folder'],
  ] as const) {
    if (!fs.existsSync(path.join(dir, '.git'))) continue;
    const ours = madeBySetup(configDir, dir) ? ' (an earlier CODITECT set-up ran `git init` there)' : '';
    out.push(
      `${what} ${dir} is itself a git repository${ours}: every repository under it looks nested inside it. CODITECT keeps its memory in a repository of its own: choose one with --new-repo, --clone or --use-repo (add --move-memory to copy the memory there). Once your memory is safe there, \`rm -rf ${path.join(dir, '.git')}\` removes that outer repository's history (your files stay); CODITECT never deletes it for you.`,
    );
  }
  return out;
}

function madeBySetup(configDir: string, dir: string): boolean {
  try {
    return readManifest(configDir).entries.some((e) => e.kind === 'git-repo' && e.path === dir);
  } catch {
    return false;
  }
}
