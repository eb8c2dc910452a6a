import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src-main/core/license/fingerprint';
import { FIRST_RETRY_MS, REVALIDATE_EVERY_MS } from '../../src-main/core/license/revalidation';
import type { Timer } from '../../src-main/host/license-monitor';
import type { IpcService, ServiceOptions } from '../../src-main/ipc/service';
import { startKeygenStandin, type KeygenStandin } from '../helpers/keygen-standin';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, recordEvents, serviceFor, value, waitFor } from '../unit/ipc/helpers';
import { issue, testPair } from '../unit/license/keys';

/**
 * The license channels through the service: real Ed25519 keys from a test pair (its public
 * key given to the service by CODITECT_LICENSE_PUBLIC_KEY, as the preview host gets it), the
 * file secret store in a temp HOME, and the Keygen stand-in as the license server.
 */
const pair = testPair();
const NOW = () => new Date('2026-06-01T00:00:00Z');
const FP = fingerprintOf('machine-under-test');

const open: { ws: Workspace; service: IpcService; standin?: KeygenStandin }[] = [];
afterEach(async () => {
  for (const { ws, service, standin } of open.splice(0)) {
    await service.close();
    await standin?.close();
    rmWorkspace(ws);
  }
});

function setup(extraEnv: NodeJS.ProcessEnv = {}, opts: Partial<ServiceOptions> = {}) {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  const keyFile = path.join(ws.base, 'license-public-key.pem');
  fs.writeFileSync(keyFile, pair.publicKeyPem);
  Object.assign(ws.env, { CODITECT_LICENSE_PUBLIC_KEY: keyFile, CODITECT_LICENSE_SERVER: '' }, extraEnv);
  const service = serviceFor(ws, { license: { now: NOW, fingerprint: () => FP }, ...opts });
  const entry: (typeof open)[number] = { ws, service };
  open.push(entry);
  return { ws, service, entry };
}

/** A hand-driven timer: nothing fires until the test says so. */
function manualTimer() {
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const timer: Timer = {
    set(fn, ms) {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return () => void (t.cancelled = true);
    },
  };
  const live = () => pending.filter((t) => !t.cancelled);
  return {
    timer,
    delays: () => live().map((t) => t.ms),
    fire() {
      const t = live()[0];
      if (!t) throw new Error('no timer pending');
      t.cancelled = true;
      t.fn();
    },
  };
}

const good = issue(pair.privateKey, { org: 'Acme Ltd', tier: 'team', seats: 3, maxMachines: 1 });

describe('license:check — every verdict in a plain sentence, nothing stored', () => {
  const other = testPair();
  const cases: [string, string, RegExp][] = [
    ['valid', good.key, /^Licensed to Acme Ltd \(team, 3 seats\), valid until 2027-01-01\.$/],
    [
      'expired',
      issue(pair.privateKey, { expires: new Date('2026-03-01T00:00:00Z') }).key,
      /expired on 2026-03-01/,
    ],
    [
      'not-yet-valid',
      issue(pair.privateKey, { issued: new Date('2026-09-01T00:00:00Z') }).key,
      /starts on 2026-09-01/,
    ],
    ['bad-signature', issue(other.privateKey).key, /not signed by CODITECT/],
    ['malformed', 'hello there', /not a CODITECT license key/],
    ['wrong-product', issue(pair.privateKey, { product: 'other-app' }).key, /another product \(other-app\)/],
  ];
  it.each(cases)('%s', async (state, key, sentence) => {
    const { ws, service } = setup();
    const view = value(await call(service, 'license:check', { key }));
    expect(view.state).toBe(state);
    expect(view.sentence).toMatch(sentence);
    expect(view.stored).toBeNull();
    expect(view.online).toEqual({
      checked: false,
      failed: false,
      note: 'No license server configured: checked offline.',
    });
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(false);
    expect(value(await call(service, 'license:status')).stored).toBe(false);
  });

  it('shows org, tier, seats and expiry of a good key, never the key', async () => {
    const { service } = setup();
    const view = value(await call(service, 'license:check', { key: good.key }));
    expect(view.license).toMatchObject({
      id: good.license.id,
      org: 'Acme Ltd',
      tier: 'team',
      seats: 3,
      maxMachines: 1,
      expires: '2027-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toContain(good.key.split('.')[1]!);
  });
});

describe('license:activate, status, deactivate', () => {
  it('stores the key (unencrypted file fallback, said so), reports it, logs only the id, forgets it', async () => {
    const { ws, service } = setup();
    // The log lives in the memory folder's .local (set up by the fixture's layout).
    fs.mkdirSync(path.join(ws.memory, '.local'), { recursive: true });
    const events = recordEvents(service);
    const view = value(await call(service, 'license:activate', { key: good.key }));
    expect(view.state).toBe('valid');
    expect(view.stored).toMatchObject({
      backend: 'file',
      encrypted: false,
      where: expect.stringContaining('UNENCRYPTED'),
    });
    expect(fs.readFileSync(path.join(ws.home, '.coditect', 'license.key'), 'utf8').trim()).toBe(good.key);
    const status = value(await call(service, 'license:status'));
    expect(status).toMatchObject({ stored: true, view: { state: 'valid', license: { org: 'Acme Ltd' } } });
    expect(status.server).toEqual({ configured: false, source: null, url: null, problem: null });
    expect(events.some((e) => e.event === 'license:state')).toBe(true);
    const logFile = path.join(ws.memory, '.local', 'coditect.log');
    // The log writes its batch on the next turn of the event loop.
    const log = await waitFor(
      () => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8'),
      5000,
      'the log',
    );
    expect(log).toContain(`license ${good.license.id} activated (file)`);
    expect(log).not.toContain(good.key.slice(4, 40));
    const d = value(await call(service, 'license:deactivate'));
    expect(d.removedFrom).toEqual(['file']);
    expect(value(await call(service, 'license:status'))).toMatchObject({ stored: false, view: null });
  });

  it('refuses to store a bad key and says why', async () => {
    const { ws, service } = setup();
    const view = value(await call(service, 'license:activate', { key: issue(testPair().privateKey).key }));
    expect(view).toMatchObject({ state: 'bad-signature', stored: null });
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(false);
  });

  it('a packaged app ignores CODITECT_LICENSE_PUBLIC_KEY: a key signed by that pair is not stored', async () => {
    const { ws, service } = setup({}, { license: { now: NOW, fingerprint: () => FP, build: 'packaged' } });
    const view = value(await call(service, 'license:activate', { key: good.key }));
    expect(view).toMatchObject({ state: 'bad-signature', stored: null });
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(false);
  });

  it('answers unavailable, not a crash, when the public key is missing', async () => {
    const { service } = setup({ CODITECT_LICENSE_PUBLIC_KEY: '/nonexistent/key.pem' });
    expect(await call(service, 'license:check', { key: good.key })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('cannot be checked') },
    });
  });
});

describe('the license server: a settings field, with the environment winning', () => {
  async function withServer(status: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE', opts: Partial<ServiceOptions> = {}) {
    const standin = await startKeygenStandin([
      { id: good.license.id, key: good.key, maxMachines: 1, status },
    ]);
    const s = setup({}, opts);
    s.entry.standin = standin;
    return { ...s, standin };
  }

  it('online activation is off until a server is set in the settings; then it activates this machine', async () => {
    const { service, standin } = await withServer();
    const server = { url: standin.accountUrl, publicKey: standin.publicKeyHex };
    value(await call(service, 'settings:update', { licenseServer: server }));
    expect(value(await call(service, 'settings:get')).licenseServer).toEqual(server);
    const view = value(await call(service, 'license:activate', { key: good.key }));
    expect(view).toMatchObject({ state: 'valid', machineActivated: true });
    expect(view.online.note).toBe('This machine is activated on the license server.');
    expect(standin.machines.map((m) => m.fingerprint)).toEqual([FP]);
    const status = value(await call(service, 'license:status'));
    expect(status.server).toEqual({
      configured: true,
      source: 'settings',
      url: standin.accountUrl,
      problem: null,
    });
    expect(status.view?.online).toMatchObject({ checked: true, note: 'License server: is valid.' });
    value(await call(service, 'license:deactivate'));
    expect(standin.machines).toEqual([]);
  });

  it('reports a revoked license and too many machines from the server', async () => {
    const { service, standin } = await withServer('SUSPENDED');
    value(
      await call(service, 'settings:update', {
        licenseServer: { url: standin.accountUrl, publicKey: standin.publicKeyHex },
      }),
    );
    expect(value(await call(service, 'license:check', { key: good.key }))).toMatchObject({
      state: 'revoked',
      sentence: expect.stringMatching(/revoked or suspended/),
    });
    standin.licenses[0]!.status = 'ACTIVE';
    standin.machines.push({ id: 'm-other', licenseId: good.license.id, fingerprint: 'f'.repeat(64) });
    expect(value(await call(service, 'license:activate', { key: good.key }))).toMatchObject({
      state: 'too-many-machines',
      stored: null,
      sentence: expect.stringMatching(/maximum of 1 machines/),
    });
  });

  it('refuses a server that is not https (except loopback) or whose key is not an Ed25519 key', async () => {
    const { service } = setup();
    const hex = 'ab'.repeat(32);
    for (const [patch, field] of [
      [{ url: 'http://licenses.example.com/v1/accounts/a', publicKey: hex }, 'licenseServer.url'],
      [{ url: 'https://user:pw@licenses.example.com', publicKey: hex }, 'licenseServer.url'],
      [{ url: 'not a url', publicKey: hex }, 'licenseServer.url'],
      [{ url: 'https://licenses.example.com', publicKey: '/etc/passwd' }, 'licenseServer.publicKey'],
      [{ url: 'https://licenses.example.com', publicKey: 'zz'.repeat(32) }, 'licenseServer.publicKey'],
    ] as const)
      expect(await call(service, 'settings:update', { licenseServer: patch }), patch.url).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    expect(value(await call(service, 'settings:get')).licenseServer).toBeUndefined();
    value(
      await call(service, 'settings:update', {
        licenseServer: { url: 'https://licenses.example.com/', publicKey: hex },
      }),
    );
    expect(value(await call(service, 'settings:get')).licenseServer?.url).toBe(
      'https://licenses.example.com',
    );
    value(await call(service, 'settings:update', { licenseServer: null }));
    expect(value(await call(service, 'settings:get')).licenseServer).toBeUndefined();
  });

  it('CODITECT_LICENSE_SERVER wins over the settings; a broken one is named and checks run offline', async () => {
    const { service } = setup({
      CODITECT_LICENSE_SERVER: 'https://env.example/v1/accounts/x',
      CODITECT_LICENSE_SERVER_KEY: '',
    });
    value(
      await call(service, 'settings:update', {
        licenseServer: { url: 'https://settings.example', publicKey: 'ab'.repeat(32) },
      }),
    );
    const status = value(await call(service, 'license:status'));
    expect(status.server).toMatchObject({
      configured: false,
      source: 'env',
      url: 'https://env.example/v1/accounts/x',
      problem: expect.stringContaining('CODITECT_LICENSE_SERVER_KEY'),
    });
    const view = value(await call(service, 'license:check', { key: good.key }));
    expect(view.state).toBe('valid');
    expect(view.online.note).toMatch(
      /^The license server is not used \(.*CODITECT_LICENSE_SERVER_KEY.*\); checked offline\.$/,
    );
  });

  it('revalidates at start and every 24 h; a failed check keeps the verdict, says so and retries sooner', async () => {
    const t = manualTimer();
    const { service, standin } = await withServer('ACTIVE', {
      license: { now: NOW, fingerprint: () => FP, revalidate: true, timer: t.timer },
    });
    const events = recordEvents(service);
    value(
      await call(service, 'settings:update', {
        licenseServer: { url: standin.accountUrl, publicKey: standin.publicKeyHex },
      }),
    );
    value(await call(service, 'license:activate', { key: good.key }));
    // The server changed in the settings: a check at once.
    expect(t.delays()).toEqual([0]);
    const states = () =>
      events.filter((e) => e.event === 'license:state').map((e) => e.payload) as {
        view: { state: string; online: { failed: boolean; note: string } } | null;
        revalidation: { failures: number; nextAt: string | null };
      }[];
    const before = states().length;
    t.fire();
    await waitFor(() => states().length > before, 10_000, 'the first revalidation');
    expect(t.delays()).toEqual([REVALIDATE_EVERY_MS]);
    expect(states().at(-1)!.view?.online.failed).toBe(false);
    standin.mode = 'fail';
    const n = states().length;
    t.fire();
    await waitFor(() => states().length > n, 10_000, 'the failed revalidation');
    const failed = states().at(-1)!;
    expect(failed.view?.state).toBe('valid');
    expect(failed.view?.online).toMatchObject({
      failed: true,
      note: expect.stringMatching(/the offline verdict stands/),
    });
    expect(failed.revalidation.failures).toBe(1);
    expect(failed.revalidation.nextAt).toBe(new Date(NOW().getTime() + FIRST_RETRY_MS).toISOString());
    expect(t.delays()).toEqual([FIRST_RETRY_MS]);
  });
});
