import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, serviceFor, value } from '../unit/ipc/helpers';

/**
 * `settings:update` holds the folders it saves to the set-up wizard's rules: never the home
 * folder itself, never inside a hidden folder of it (~/.ssh, ~/.config…). Otherwise a renderer
 * could make ~/.ssh an allowed root and then reveal (or import from) the keys in it.
 */
const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

function setup() {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  const ssh = path.join(ws.home, '.ssh');
  fs.mkdirSync(ssh, { mode: 0o700 });
  fs.writeFileSync(path.join(ssh, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\n(test)\n', {
    mode: 0o600,
  });
  const service = serviceFor(ws);
  open.push({ ws, service });
  return { ws, ssh, service, update: (patch: unknown) => call(service, 'settings:update', patch) };
}

describe('settings:update applies the set-up rules to its folders', () => {
  it('refuses the home folder itself as projects root', async () => {
    const { ws, update } = setup();
    expect(await update({ projectsRoot: ws.home })).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden-path',
        field: 'projectsRoot',
        message: 'projectsRoot: choose a folder inside your home folder, not the home folder itself',
      },
    });
  });

  it.each([
    ['projectsRoot', (ssh: string) => ({ projectsRoot: ssh })],
    ['memoryDir', (ssh: string) => ({ memoryDir: path.join(ssh, 'MEMORY-CONTEXT') })],
    ['memoryDir', (ssh: string) => ({ memoryDir: ssh })],
    ['exportLocations.0', (ssh: string) => ({ exportLocations: [ssh] })],
  ])('refuses a %s inside ~/.ssh, and ~/.ssh/id_rsa stays out of reach', async (field, patch) => {
    const { ws, ssh, service, update } = setup();
    expect(await update(patch(ssh))).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden-path',
        field,
        message: `${field}: is inside a hidden configuration folder; choose a projects folder`,
      },
    });
    expect(JSON.stringify(value(await call(service, 'settings:get', undefined)))).not.toContain('.ssh');
    expect(await call(service, 'fs:reveal', { path: path.join(ssh, 'id_rsa') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'settings.json'))).toBe(false);
  });

  it('the home folder is no export location either', async () => {
    const { ws, update } = setup();
    expect(await update({ exportLocations: [ws.downloads, ws.home] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path', field: 'exportLocations.1' },
    });
  });

  it('still saves an ordinary projects root and memory folder', async () => {
    const { ws, update } = setup();
    const saved = value(await update({ projectsRoot: ws.root, memoryDir: ws.memory }));
    expect(saved).toMatchObject({
      projectsRoot: fs.realpathSync(ws.root),
      memoryDir: fs.realpathSync(ws.memory),
    });
  });
});
