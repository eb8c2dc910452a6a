import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
import { FIXTURES } from './fixtures';

export { FIXTURES };
export const CLI = path.join(REPO, 'bin', 'coditect.js');

export interface Workspace {
  base: string;
  home: string;
  root: string;
  master: string;
  memory: string;
  downloads: string;
  claudeProjects: string;
  env: NodeJS.ProcessEnv;
}

const PAST = new Date(Date.now() - 3600_000);

/** A throw-away HOME with ~/PROJECTS/demo-master/MEMORY-CONTEXT and the fixtures placed where users keep them. */
export function makeWorkspace(opts: { exports?: string[]; transcripts?: boolean } = {}): Workspace {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-ws-'));
  const home = path.join(base, 'home');
  const root = path.join(home, 'PROJECTS');
  const master = path.join(root, 'demo-master');
  const memory = path.join(master, 'MEMORY-CONTEXT');
  const downloads = path.join(home, 'Downloads');
  const claudeProjects = path.join(home, '.claude', 'projects');
  for (const d of [memory, downloads, claudeProjects]) fs.mkdirSync(d, { recursive: true });
  const exports = opts.exports ?? ['export-v1-macos.txt', 'export-v2-linux-overlap.txt'];
  exports.forEach((name, i) =>
    placeFile(path.join(FIXTURES, name), path.join(i % 2 ? downloads : master, name)),
  );
  if (opts.transcripts ?? true) copyTree(path.join(FIXTURES, 'claude-projects'), claudeProjects);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    CODITECT_CONFIG_DIR: path.join(home, '.coditect'),
    CLAUDE_CONFIG_DIR: '',
    CODITECT_LOG_MAX_LINES: '',
    // Never the developer's own Keychain / Secret Service: license keys go to the test HOME.
    CODITECT_SECRET_STORE: 'file',
  };
  return { base, home, root, master, memory, downloads, claudeProjects, env };
}

export function placeFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o644);
  fs.utimesSync(to, PAST, PAST);
}

export function copyTree(from: string, to: string): void {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      fs.chmodSync(dst, 0o755);
      copyTree(src, dst);
    } else placeFile(src, dst);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `coditect` command in a child process, as a user would. */
export function runCli(ws: Workspace, args: string[], extraEnv: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ws.home,
    env: { ...ws.env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(ws: Workspace, args: string[]) {
  return spawn(process.execPath, [CLI, ...args], {
    cwd: ws.home,
    env: ws.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function rmWorkspace(ws: Workspace): void {
  fs.rmSync(ws.base, { recursive: true, force: true });
}
