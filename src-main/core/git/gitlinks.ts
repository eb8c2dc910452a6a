import fs from 'node:fs';
import path from 'node:path';
import { runGit } from './git-runner';

/**
 * Which of `relPaths` the repository at `dir` records as gitlinks (mode 160000 in its
 * index): that, not `.gitmodules`, is what makes git treat a nested repository as a
 * submodule. Paths are POSIX-style and relative to `dir`.
 */
export async function gitlinksAmong(dir: string, relPaths: readonly string[]): Promise<Set<string>> {
  if (!relPaths.length) return new Set();
  const out = await runGit(dir, ['--literal-pathspecs', 'ls-files', '--stage', '-z', '--', ...relPaths], {
    readOnly: true,
  });
  const links = new Set<string>();
  for (const rec of out.split('\0')) {
    const m = /^160000 [0-9a-f]+ \d+\t(.*)$/s.exec(rec);
    if (m) links.add(m[1]!);
  }
  return links;
}

/** Submodule paths registered in `.gitmodules` at the top of `dir` (none if it has no such file). */
export function registeredSubmodulePaths(dir: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitmodules'), 'utf8');
  } catch {
    return new Set();
  }
  const paths = new Set<string>();
  for (const m of text.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)) paths.add(unquote(m[1]!).replace(/\/+$/, ''));
  return paths;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"')
    ? v.slice(1, -1).replace(/\\(["\\])/g, '$1')
    : v;
}

/** `a/b` under `parent`, with forward slashes as git writes paths on every platform. */
export function gitRelPath(parent: string, child: string): string {
  return path.relative(parent, child).split(path.sep).join('/');
}
