/**
 * `npm start` on a machine without the Electron runtime runs Electron's own installer first
 * (package.json keeps it from running during `npm ci`). The download is pointed at a loopback
 * mirror that has no runtime, as GitHub is unreachable here: the test sees the installer ask for
 * this platform's zip, fail, and `npm start` explain what works instead — exit 1, nothing built.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronExecutable } from '../electron/electron-runtime';

const REPO = path.resolve(__dirname, '..', '..');
const ELECTRON_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A mirror that answers 404 to everything and remembers what was asked. */
async function emptyMirror(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(404).end('no such runtime here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

function runStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'start.mjs')], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const runtime = electronExecutable();
if (runtime)
  console.log(`SKIPPED npm start's installer test: the Electron runtime is installed (${runtime})`);

describe.skipIf(runtime !== null)('npm start without the Electron runtime', () => {
  it("runs Electron's installer, and explains when the download fails", async () => {
    const mirror = await emptyMirror();
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-electron-cache-'));
    cleanups.push(() => fs.rmSync(cache, { recursive: true, force: true }));
    const r = await runStart({
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1', // what .ci/run and developers' shells set: start ignores it
      ELECTRON_MIRROR: mirror.url,
      electron_config_cache: cache,
    });
    expect(mirror.requests.some((u) => u.includes(`electron-v${ELECTRON_VERSION}-`))).toBe(true);
    const said = r.stderr.replace(/\s+/g, ' '); // the notice is wrapped to the terminal
    expect(said).toContain("running Electron's installer");
    expect(said).toContain('the Electron runtime is not installed, so the desktop app cannot start here');
    expect(said).toContain('`npm run preview`');
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(REPO, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  }, 120_000);
});
