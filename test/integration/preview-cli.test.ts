import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';
import { value, WireClient } from '../unit/ipc/helpers';

const PACKAGE_VERSION = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

function workspaceWithRenderer(): { ws: Workspace; rendererDir: string } {
  const ws = makeWorkspace();
  spaces.push(ws);
  const rendererDir = path.join(ws.base, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CODITECT preview</title>');
  return { ws, rendererDir };
}

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

describe('coditect preview (real process)', () => {
  it('prints the URL, serves the page and the contract, and stops on SIGINT', async () => {
    const { ws, rendererDir } = workspaceWithRenderer();
    const child = spawn(
      process.execPath,
      [CLI, 'preview', '--root', ws.root, '--renderer-dir', rendererDir, '--no-build'],
      {
        cwd: ws.home,
        env: ws.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        stdout += c;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
    });
    expect((await fetchText(url)).body).toContain('CODITECT preview');
    expect((await fetchText(url.replace(/token=.*/, 'token=nope'))).status).toBe(403);
    const { port, searchParams } = new URL(url);
    const client = await WireClient.connect(
      `ws://127.0.0.1:${port}/ipc?token=${searchParams.get('token')}`,
      `http://127.0.0.1:${port}`,
    );
    // The version comes from package.json, like the CLI's --version (never a literal in code).
    expect(value(await client.call('app:info'))).toMatchObject({
      host: 'preview',
      projectsRoot: ws.root,
      version: PACKAGE_VERSION,
    });
    client.close();
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('prints the version of package.json for --version', () => {
    const { ws } = workspaceWithRenderer();
    expect(runCli(ws, ['--version'])).toMatchObject({ code: 0, stdout: `${PACKAGE_VERSION}\n` });
  });

  it('refuses a bad port and a missing renderer with --no-build (usage errors)', () => {
    const { ws, rendererDir } = workspaceWithRenderer();
    const badPort = runCli(ws, ['preview', '--port', 'eighty', '--renderer-dir', rendererDir]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port/);
    const missing = runCli(ws, [
      'preview',
      '--no-build',
      '--renderer-dir',
      path.join(ws.base, 'nothing-here'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no built renderer/);
  });
});
