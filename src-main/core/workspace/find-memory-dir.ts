import fs from 'node:fs';
import path from 'node:path';
import { MEMORY_DIR_NAME } from './memory-layout';

const SKIP = new Set(['node_modules', '.git', 'exports-archive', '.venv', 'venv', 'dist', 'build', 'out']);

/**
 * The MEMORY-CONTEXT of the memory repository under the root: the root's own first (the
 * CODITECT master repository sits at the top), else the shallowest one found within three
 * levels, else `<root>/MEMORY-CONTEXT`, which the pipeline creates.
 */
export function findMemoryDir(root: string): { dir: string; found: boolean } {
  const own = path.join(root, MEMORY_DIR_NAME);
  if (isDir(own)) return { dir: own, found: true };
  let level = [root];
  for (let depth = 0; depth < 3 && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level.sort()) {
      for (const child of subdirs(dir)) {
        if (isDir(path.join(child, MEMORY_DIR_NAME)))
          return { dir: path.join(child, MEMORY_DIR_NAME), found: true };
        next.push(child);
      }
    }
    level = next;
  }
  return { dir: own, found: false };
}

function subdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.'))
      .map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
