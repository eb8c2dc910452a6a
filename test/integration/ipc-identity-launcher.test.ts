import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launcherFile } from '../../src-main/core/launcher/install';
import { LAUNCHER_MARKER } from '../../src-main/core/launcher/script';
import { PREVIEW_LAUNCHER_REASON } from '../../src-main/ipc/handlers/launcher';
import type { IpcService, ServiceOptions } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, serviceFor, value } from '../unit/ipc/helpers';

/** git:identity / git:setIdentity over real git in a temp HOME, and the `coditect` launcher channels. */
const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

function setup(opts: Partial<ServiceOptions> = {}) {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  // No global identity from the machine: only what the test writes into the temp HOME counts.
  Object.assign(ws.env, {
    GIT_CONFIG_NOSYSTEM: '1',
    XDG_CONFIG_HOME: path.join(ws.home, '.config'),
    LOCALAPPDATA: path.join(ws.home, 'AppData', 'Local'),
  });
  const service = serviceFor(ws, opts);
  open.push({ ws, service });
  return { ws, service };
}

const git = (ws: Workspace, cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: ws.env, encoding: 'utf8' }).trim();

describe('the memory repository git identity', () => {
  it('reads the effective identity with its scope, and writes it repo-local by default', async () => {
    const { ws, service } = setup();
    expect(value(await call(service, 'git:identity'))).toEqual({
      repo: ws.master,
      isRepo: false,
      name: null,
      email: null,
    });
    // Local needs a repository: set-up has not run, so it says so and names the field.
    expect(await call(service, 'git:setIdentity', { name: 'Ada', email: 'ada@example.com' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', field: 'scope' },
    });
    git(ws, ws.master, 'init', '-q');
    fs.writeFileSync(path.join(ws.home, '.gitconfig'), '[user]\n\tname = Global Name\n');
    expect(value(await call(service, 'git:identity'))).toMatchObject({
      isRepo: true,
      name: { value: 'Global Name', scope: 'global' },
      email: null,
    });
    const set = value(
      await call(service, 'git:setIdentity', { name: '  Ada Lovelace ', email: 'ada@example.com' }),
    );
    expect(set).toMatchObject({
      name: { value: 'Ada Lovelace', scope: 'local' },
      email: { value: 'ada@example.com', scope: 'local' },
    });
    expect(git(ws, ws.master, 'config', '--local', 'user.name')).toBe('Ada Lovelace');
    // The global file is untouched.
    expect(fs.readFileSync(path.join(ws.home, '.gitconfig'), 'utf8')).toBe('[user]\n\tname = Global Name\n');
    // A commit in the memory repository now carries that author.
    git(ws, ws.master, 'commit', '-q', '--allow-empty', '-m', 'x');
    expect(git(ws, ws.master, 'log', '-1', '--format=%an <%ae>')).toBe('Ada Lovelace <ada@example.com>');
  });

  it('writes the global identity only when asked, even before set-up', async () => {
    const { ws, service } = setup();
    const r = value(
      await call(service, 'git:setIdentity', { name: 'Grace', email: 'grace@example.com', scope: 'global' }),
    );
    expect(r).toMatchObject({ isRepo: false, name: { value: 'Grace', scope: 'global' } });
    expect(fs.readFileSync(path.join(ws.home, '.gitconfig'), 'utf8')).toContain('name = Grace');
    expect(fs.existsSync(path.join(ws.master, '.git'))).toBe(false);
  });
});

// Where the launcher goes on this platform, with the temp HOME (and LOCALAPPDATA on Windows).
const fileOf = (ws: Workspace) => launcherFile({ platform: process.platform, home: ws.home, env: ws.env });
const binDir = (ws: Workspace) => path.dirname(fileOf(ws));
const sep = process.platform === 'win32' ? ';' : ':';

// macOS puts the launcher in /usr/local/bin when it is writable (it is on CI runners): a test
// must not write there. The per-platform locations are unit-tested in test/unit/launcher.
describe.skipIf(process.platform === 'darwin')('the coditect launcher', () => {
  it('the browser preview says plainly that the desktop app installs it', async () => {
    const { ws, service } = setup();
    const status = value(await call(service, 'launcher:status'));
    expect(status).toMatchObject({
      available: false,
      reason: PREVIEW_LAUNCHER_REASON,
      installed: false,
      foreign: false,
      file: fileOf(ws),
    });
    expect(await call(service, 'launcher:install')).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: PREVIEW_LAUNCHER_REASON },
    });
    expect(fs.existsSync(status.file)).toBe(false);
  });

  it('the desktop app installs, reports and removes it, and never touches a coditect it did not write', async () => {
    const { ws, service } = setup({
      launcher: { runtime: '/opt/CODITECT/coditect', script: '/opt/CODITECT/cli.js' },
    });
    ws.env.PATH = `/usr/bin${sep}${binDir(ws)}`;
    const file = fileOf(ws);
    expect(file.startsWith(ws.home)).toBe(true);
    const installed = value(await call(service, 'launcher:install'));
    expect(installed).toMatchObject({
      available: true,
      installed: true,
      changed: true,
      onPath: true,
      note: null,
    });
    const script = fs.readFileSync(file, 'utf8');
    expect(script).toContain(LAUNCHER_MARKER);
    expect(script).toContain('/opt/CODITECT/cli.js');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o111).not.toBe(0);
    expect(value(await call(service, 'launcher:install')).changed).toBe(false);
    const removed = value(await call(service, 'launcher:remove'));
    expect(removed).toMatchObject({ removed: true, installed: false });
    expect(fs.existsSync(file)).toBe(false);
    expect(value(await call(service, 'launcher:remove')).removed).toBe(false);

    fs.writeFileSync(file, '#!/bin/sh\necho npm-installed coditect\n');
    expect(value(await call(service, 'launcher:status'))).toMatchObject({ installed: false, foreign: true });
    expect(await call(service, 'launcher:install')).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('not written by CODITECT') },
    });
    expect(await call(service, 'launcher:remove')).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('#!/bin/sh\necho npm-installed coditect\n');
  });

  it('says how to put the folder on PATH when it is not', async () => {
    const { ws, service } = setup({ launcher: { runtime: '/opt/c', script: '/opt/cli.js' } });
    ws.env.PATH = '/usr/bin';
    const r = value(await call(service, 'launcher:install'));
    expect(r.onPath).toBe(false);
    expect(r.note).toContain(binDir(ws));
  });
});
