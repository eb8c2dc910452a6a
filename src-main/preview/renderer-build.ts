import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The repository (or installed package) root: src-main/preview → ../.. */
const APP_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');

export function rendererBuilt(rendererDir: string): boolean {
  return fs.existsSync(path.join(rendererDir, 'index.html'));
}

/**
 * `electron-vite build` (main, preload and renderer: the renderer alone has no separate
 * config). Output goes to `log` so the preview's own output stays the URL.
 */
export function buildRenderer(log: (line: string) => void): Promise<void> {
  const bin = path.join(
    path.dirname(createRequire(__filename).resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], {
      cwd: APP_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer) => chunk.toString('utf8').split('\n').filter(Boolean).forEach(log);
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`electron-vite build exited with ${code}`)),
    );
  });
}
