/**
 * The packaged `coditect` command: out/main/cli.js, built by electron-vite from
 * src-main/cli/entry.ts, run as installed apps run it (ELECTRON_RUN_AS_NODE=1 with the app's
 * runtime; plain Node here). Built first when missing or older than the sources.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledWorkerFile } from '../../src-main/node/run-in-worker';
import { REPO_ROOT } from '../helpers/browser';
import { newestMtime, withBuildLock } from '../helpers/build-lock';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { value, waitFor, WireClient } from '../unit/ipc/helpers';

const CLI_JS = path.join(REPO_ROOT, 'out', 'main', 'cli.js');
const SOURCES = ['src-main', 'electron.vite.config.ts', 'package.json'].map((p) => path.join(REPO_ROOT, p));

function cliStale(): boolean {
  if (!fs.existsSync(CLI_JS)) return true;
  const built = fs.statSync(CLI_JS).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/** Under the browser tests' build lock: one electron-vite build at a time. */
async function ensureCliBuilt(): Promise<void> {
  await withBuildLock(() => {
    if (!cliStale()) return;
    const r = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 170_000,
    });
    if (r.status !== 0)
      throw new Error(`electron-vite build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  });
}

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

function bundled(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI_JS, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    env: { ...(opts.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(ensureCliBuilt, 200_000);

describe('out/main/cli.js (the packaged coditect command)', () => {
  it('prints the help and exits 0', () => {
    const r = bundled(['--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: coditect [options] [command]');
    expect(r.stdout).toContain('export-dedup');
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(bundled(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(bundled(['no-such-command']).code).toBe(2);
  });

  it('keeps native and runtime dependencies out of the bundle (better-sqlite3 loads from node_modules)', () => {
    // cli.js and the chunks it shares with the app's index.js.
    const chunks = path.join(path.dirname(CLI_JS), 'chunks');
    const files = [CLI_JS, ...fs.readdirSync(chunks).map((f) => path.join(chunks, f))];
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('require("better-sqlite3")');
    expect(text).not.toMatch(/better_sqlite3\.node|class Database extends|function Database\(/);
    expect(fs.readFileSync(CLI_JS, 'utf8')).not.toMatch(/require\("electron"\)/);
  });

  it('runs export-dedup against a workspace, SQLite index included', () => {
    const ws = makeWorkspace();
    spaces.push(ws);
    const r = bundled(['export-dedup', '--root', ws.root, '--yes', '--json', '--no-git'], {
      cwd: ws.home,
      env: ws.env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'done' });
    expect(fs.existsSync(path.join(ws.memory, '.local', 'coditect.sqlite'))).toBe(true);
    // The bundled parse worker (out/main/parse-worker.js) did the parsing, not the inline fallback.
    const log = fs.readFileSync(path.join(ws.memory, '.local', 'coditect.log'), 'utf8');
    expect(log).toContain('[import] files parsed in a worker thread');
    // And the bundled store-task-worker.js copied the write-ahead log and built the search
    // index (a failure would be logged, and the CLI's own thread would have done the work).
    expect(log).not.toMatch(/background (WAL checkpoint|search indexing)/);
    const found = bundled(['search', 'the', '--json', '--root', ws.root], { cwd: ws.home, env: ws.env });
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).hits.length).toBeGreaterThan(0);
  });

  it('is a packaged build: CODITECT_LICENSE_PUBLIC_KEY is ignored, a key signed with your own pair is refused', () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(ws);
    const keys = path.join(ws.base, 'own-keys');
    const env = {
      ...ws.env,
      CODITECT_LICENSE_PUBLIC_KEY: path.join(keys, 'license-public-key.pem'),
      CODITECT_LICENSE_SERVER: '',
    };
    const run = (args: string[]) => bundled(args, { cwd: ws.home, env });
    expect(run(['license', 'keygen', '--out', keys]).code).toBe(0);
    const own = path.join(keys, 'license-private-key.pem');
    const key = run([
      'license',
      'issue',
      '--private-key',
      own,
      '--org',
      'Own',
      '--seats',
      '1',
      '--tier',
      't',
    ]);
    expect(key.code, key.stderr).toBe(0);
    const r = run(['license', 'activate', key.stdout.trim(), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).state.state).toBe('bad-signature');
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(false);
  });

  it('serves the preview from the bundle: the pipeline worker starts and updates say who manages them', async () => {
    const ws = makeWorkspace();
    spaces.push(ws);
    const rendererDir = path.join(ws.base, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CODITECT preview</title>');
    const child = spawn(
      process.execPath,
      [CLI_JS, 'preview', '--root', ws.root, '--renderer-dir', rendererDir, '--no-build'],
      { cwd: ws.home, env: { ...ws.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          stdout += c;
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
      });
      const { port, searchParams } = new URL(url);
      const client = await WireClient.connect(
        `ws://127.0.0.1:${port}/ipc?token=${searchParams.get('token')}`,
        `http://127.0.0.1:${port}`,
      );
      expect(value(await client.call('update:status'))).toMatchObject({
        state: 'disabled',
        currentVersion: '0.1.0',
        reason: { code: 'preview' },
      });
      value(await client.call('pipeline:start', { git: false }));
      const done = await waitFor(
        () => client.events.find((e) => e.event === 'pipeline:done'),
        60_000,
        'pipeline:done',
      );
      expect(done.payload).toMatchObject({ summary: { outcome: 'done' } });
      client.close();
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 90_000);
});

describe('finding the bundled pipeline worker', () => {
  it('looks beside the code, or one level up from a shared chunk', () => {
    const none = () => false;
    expect(bundledWorkerFile('/app/out/main', none)).toBe(path.join('/app/out/main', 'pipeline-worker.js'));
    expect(bundledWorkerFile('/app/out/main/chunks', none)).toBe(
      path.join('/app/out/main', 'pipeline-worker.js'),
    );
    const beside = path.join('/app/out/main/chunks', 'pipeline-worker.js');
    expect(bundledWorkerFile('/app/out/main/chunks', (f) => f === beside)).toBe(beside);
  });
});
