import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const LIMIT_MS = 60_000;

interface Outcome {
  code: number | null;
  output: string;
  killed: boolean;
}

/** Runs `npm run dist` with a hard kill at the limit, so a hang fails the test instead of the suite. */
function runDist(): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'dist'], {
      cwd: root,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      shell: process.platform === 'win32',
    });
    let output = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, killed });
    });
  });
}

// This sandbox has no Electron runtime and no GitHub: exactly the machine the issue describes.
// Where the runtime is installed (release runners) packaging really runs, so skip there.
const hasRuntime = (() => {
  try {
    const p: unknown = createRequire(__filename)('electron');
    return typeof p === 'string' && fs.existsSync(p);
  } catch {
    return false;
  }
})();

describe.skipIf(hasRuntime)('npm run dist without the Electron runtime or packaging tools', () => {
  it('fails within a minute, saying what is missing', async () => {
    const outcome = await runDist();
    expect(outcome.killed).toBe(false);
    expect(outcome.code).not.toBe(0);
    expect(outcome.output).toMatch(/cannot package here/);
    expect(outcome.output).toMatch(/Electron runtime is missing/);
    expect(outcome.output).toMatch(/packaging[\s\S]*tools/);
  }, 90_000);
});
