import fs from 'node:fs';
import path from 'node:path';

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The missing folders from the outermost down to `dir`: each becomes a manifest entry of its own. */
export function parentsToCreate(dir: string): string[] {
  const out: string[] = [];
  for (let p = path.resolve(dir); !fs.existsSync(p) && p !== path.dirname(p); p = path.dirname(p))
    out.unshift(p);
  return out;
}
