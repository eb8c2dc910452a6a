import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, makeWorkspace, REPO, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/**
 * `coditect license …` hardening, as real processes: the key read from stdin (`-`), and the
 * CLI bundled in the app (its entry, src-main/cli/entry.ts, run here through tsx) that trusts
 * the shipped vendor key only, whatever CODITECT_LICENSE_PUBLIC_KEY says.
 */
const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

const ENTRY = path.join(REPO, 'src-main', 'cli', 'entry.ts');

function setup() {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(ws);
  const keys = path.join(ws.base, 'own-keys');
  const env: NodeJS.ProcessEnv = {
    ...ws.env,
    CODITECT_LICENSE_PUBLIC_KEY: path.join(keys, 'license-public-key.pem'),
    CODITECT_SECRET_STORE: 'file',
    CODITECT_LICENSE_SERVER: '',
  };
  expect(runCli(ws, ['license', 'keygen', '--out', keys], env).code).toBe(0);
  const issued = runCli(
    ws,
    [
      'license',
      'issue',
      '--private-key',
      path.join(keys, 'license-private-key.pem'),
      '--org',
      'Own Org',
      '--seats',
      '9',
      '--tier',
      'team',
    ],
    env,
  );
  expect(issued.code).toBe(0);
  return { ws, env, key: issued.stdout.trim() };
}

/** A command with `input` on its stdin: the checkout's CLI, or the packaged entry. */
function run(ws: Workspace, env: NodeJS.ProcessEnv, args: string[], input: string, packaged = false) {
  const argv = packaged ? ['--require', require.resolve('tsx/cjs'), ENTRY, ...args] : [CLI, ...args];
  const r = spawnSync(process.execPath, argv, {
    cwd: ws.home,
    env: { ...env, TSX_TSCONFIG_PATH: path.join(REPO, 'tsconfig.node.json') },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('coditect license verify|activate - (the key on stdin)', () => {
  it('reads the key from stdin, so it never sits in the shell history', () => {
    const { ws, env, key } = setup();
    const verified = run(ws, env, ['license', 'verify', '-', '--json'], `${key}\n`);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout).state).toMatchObject({ state: 'valid', license: { org: 'Own Org' } });

    const activated = run(ws, env, ['license', 'activate', '-'], key);
    expect(activated.code, activated.stderr).toBe(0);
    expect(activated.stdout).toContain('Licensed to Own Org');
    expect(activated.stdout).not.toContain(key);
    const status = runCli(ws, ['license', 'status', '--json'], env);
    expect(JSON.parse(status.stdout).state.state).toBe('valid');
  });

  it('an empty stdin is a usage error that says so', () => {
    const { ws, env } = setup();
    const r = run(ws, env, ['license', 'verify', '-'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing was read from standard input');
  });
});

describe('the CLI bundled in the app (a packaged build)', () => {
  it('refuses --public-key: only the vendor key decides what is valid there', () => {
    const { ws, env, key } = setup();
    const own = env.CODITECT_LICENSE_PUBLIC_KEY!;
    const r = run(ws, env, ['license', 'verify', '-', '--public-key', own], key, true);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--public-key: the installed app checks keys against the CODITECT key only');
    expect(r.stdout).toBe('');
    // A checkout (development build) still takes it: the vendor's own tool.
    expect(run(ws, env, ['license', 'verify', '-', '--public-key', own], key).code).toBe(0);
  });

  it('ignores CODITECT_LICENSE_PUBLIC_KEY: a key signed with your own pair is not stored', () => {
    const { ws, env, key } = setup();
    const r = run(ws, env, ['license', 'activate', '-', '--json'], key, true);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).state.state).toBe('bad-signature');
    expect(r.stdout).not.toContain('"stored"');
    const status = run(ws, env, ['license', 'status', '--json'], '', true);
    expect(JSON.parse(status.stdout)).toEqual({ stored: false });
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(false);
  });
});
