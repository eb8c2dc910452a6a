import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStore } from '../../../src-main/core/license/secret-store';

const REPO = path.resolve(__dirname, '..', '..', '..');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-secret-'));
  dirs.push(d);
  return d;
}

describe('SecretStore file fallback', () => {
  it('stores the key in a file only the user can read and says it is unencrypted', () => {
    const dir = tmp();
    const store = new SecretStore({ configDir: path.join(dir, 'cfg'), prefer: 'file' });
    const loc = store.save('key/abc.def');
    expect(loc).toMatchObject({ backend: 'file', encrypted: false });
    expect(loc.where).toMatch(/UNENCRYPTED/);
    if (process.platform !== 'win32') expect(fs.statSync(store.fallbackFile).mode & 0o777).toBe(0o600);
    expect(store.read()?.secret).toBe('key/abc.def');
    expect(store.remove()).toEqual(['file']);
    expect(store.read()).toBeNull();
  });

  // A child process with no reachable session bus: the OS store throws and the file is used.
  // (Run apart so a developer's real keyring is never touched.)
  it.runIf(process.platform === 'linux')('falls back to the file when no Secret Service answers', () => {
    const dir = tmp();
    const script = `
      const { SecretStore } = require(${JSON.stringify(path.join(REPO, 'src-main/core/license/secret-store.ts'))});
      const s = new SecretStore({ configDir: ${JSON.stringify(dir)} });
      const loc = s.save('key/fallback.sig');
      console.log(JSON.stringify({ loc, read: s.read(), removed: s.remove() }));`;
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${dir}/no-bus`, HOME: dir },
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      loc: { backend: string };
      read: { secret: string };
      removed: string[];
    };
    expect(out.loc.backend).toBe('file');
    expect(out.read.secret).toBe('key/fallback.sig');
    expect(out.removed).toEqual(['file']);
  });
});
