import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../../helpers/fixtures';

/**
 * Real temp trees for the discovery tests, built from the shared fixtures so the tests
 * exercise the real sniffer on real export and transcript files.
 */

export { FIXTURES };

export const HOUR = 60 * 60 * 1000;

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A fresh temp dir; `cleanup()` removes every tree made so far (call it in afterEach). */
const made: string[] = [];
export function tempTree(prefix = 'discovery-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const dir of made.splice(0)) {
    restorePermissions(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Write a file (creating parents) and date it `ageMs` in the past, so it counts as settled. */
export function put(file: string, content: string | Buffer, ageMs = HOUR): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  setAge(file, ageMs);
  return file;
}

/** Copy a fixture to `file`, dated `ageMs` in the past. */
export function putFixture(name: string, file: string, ageMs = HOUR): string {
  return put(file, fs.readFileSync(fixture(name)), ageMs);
}

export function setAge(file: string, ageMs: number, now = Date.now()): void {
  const t = new Date(now - ageMs);
  fs.utimesSync(file, t, t);
}

/** Copy a fixture directory file by file (fresh, writable modes: the fixtures are read-only), dated an hour back. */
export function copyFixtureDir(name: string, dest: string): void {
  for (const e of fs.readdirSync(fixture(name), { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(fixture(name), path.join(e.parentPath, e.name));
    putFixture(path.join(name, rel), path.join(dest, rel));
  }
}

/** Undo a test's chmod 000 so the tree can be removed: each directory before it is listed. */
function restorePermissions(dir: string): void {
  try {
    fs.chmodSync(dir, 0o755);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) restorePermissions(path.join(dir, e.name));
    }
  } catch {
    // best effort: rmSync reports what it cannot remove
  }
}
