import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The key in a real Secret Service: Debian's gnome-keyring under dbus-run-session, with a
 * throw-away HOME and XDG directories (.ci/run installs both). Where they cannot run the
 * test is skipped and says why; it never passes without the real store.
 */
const REPO = path.resolve(__dirname, '..', '..');
const have = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((b) => !have(b));
const why = missing.length
  ? `skipped: ${missing.join(' and ')} not installed (apt-get install gnome-keyring dbus)`
  : '';

describe('license key in a real Secret Service (gnome-keyring)', () => {
  it.skipIf(process.platform !== 'linux' || missing.length > 0)(
    `stores, reads and deletes through @napi-rs/keyring${why ? ` — ${why}` : ''}`,
    () => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-keyring-'));
      try {
        const out = runInKeyringSession(base);
        expect(out.saved).toMatchObject({ backend: 'os-credential-store', encrypted: true });
        expect(out.read).toMatchObject({
          secret: 'key/real.store',
          location: { backend: 'os-credential-store' },
        });
        expect(out.fallbackFileExists).toBe(false);
        expect(out.removed).toEqual(['os-credential-store']);
        expect(out.afterRemove).toBeNull();
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    },
  );
});

function runInKeyringSession(base: string): Record<string, unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: path.join(base, 'home') };
  for (const [name, sub] of [
    ['XDG_DATA_HOME', 'data'],
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_CACHE_HOME', 'cache'],
    ['XDG_RUNTIME_DIR', 'run'],
  ] as const) {
    env[name] = path.join(base, sub);
    fs.mkdirSync(env[name]!, { recursive: true, mode: 0o700 });
  }
  fs.mkdirSync(env.HOME!, { recursive: true });
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const script = `
    const fs = require('node:fs');
    const { SecretStore } = require(${JSON.stringify(path.join(REPO, 'src-main/core/license/secret-store.ts'))});
    const s = new SecretStore({ configDir: ${JSON.stringify(path.join(base, 'cfg'))} });
    const saved = s.save('key/real.store');
    const read = s.read();
    const fallbackFileExists = fs.existsSync(s.fallbackFile);
    const removed = s.remove();
    console.log(JSON.stringify({ saved, read, fallbackFileExists, removed, afterRemove: s.read() }));`;
  const node = `${JSON.stringify(process.execPath)} -r tsx/cjs -e ${shellQuote(script)}`;
  const r = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', `echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${node}`],
    { cwd: REPO, env, encoding: 'utf8', timeout: 60_000 },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{')) throw new Error(`keyring session failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
