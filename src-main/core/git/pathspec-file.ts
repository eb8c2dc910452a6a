import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Hands a path list to git through `--pathspec-from-file` (git 2.25+) instead of the command
 * line: a checkpoint can touch thousands of files, past any argument-length limit, and one
 * `git add` keeps the staging a single index update.
 */
export async function withPathspecFile<T>(
  paths: readonly string[],
  fn: (args: string[]) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-pathspec-'));
  const file = path.join(dir, 'paths');
  try {
    fs.writeFileSync(file, paths.map((p) => `${p}\0`).join(''));
    return await fn([`--pathspec-from-file=${file}`, '--pathspec-file-nul']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
