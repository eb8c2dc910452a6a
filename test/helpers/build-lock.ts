import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const LOCK = path.join(REPO_ROOT, 'test-output', '.renderer-build.lock');
const WAIT_MS = 180_000;

/** Newest modification time of a file, or of anything below a directory. */
export function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

/**
 * Test files run in parallel processes and several of them may need an electron-vite build:
 * a lock directory makes them build one at a time. A lock older than the wait is left over
 * from a crash and is taken over.
 */
export async function withBuildLock<T>(fn: () => Promise<T> | T): Promise<T> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > WAIT_MS)
          fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
