import fs from 'node:fs';
import path from 'node:path';

/**
 * What git tracks of a memory (everything but `.local/`): its total bytes and its largest
 * file, the two figures a git host limits.
 */
export function trackedSize(memory: string): { bytes: number; largest: number; largestFile: string } {
  let bytes = 0;
  let largest = 0;
  let largestFile = '';
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.local') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const size = fs.statSync(p).size;
        bytes += size;
        if (size > largest) [largest, largestFile] = [size, path.relative(memory, p)];
      }
    }
  };
  walk(memory);
  return { bytes, largest, largestFile };
}

/** The same, leaving out the processed exports the memory archives (the user's own files, as they were). */
export function trackedStateSize(memory: string): { bytes: number; largest: number; largestFile: string } {
  const all = trackedSize(memory);
  const archive = path.join(memory, 'exports-archive');
  const archived = fs.existsSync(archive) ? trackedSize(archive).bytes : 0;
  return { ...all, bytes: all.bytes - archived };
}
