import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/** `coditect license …` as a user and a vendor run it: real processes, real Ed25519, file storage. */
const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

function setup() {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(ws);
  const keys = path.join(ws.base, 'vendor-keys');
  const env = {
    CODITECT_LICENSE_PUBLIC_KEY: path.join(keys, 'license-public-key.pem'),
    CODITECT_SECRET_STORE: 'file',
    CODITECT_LICENSE_SERVER: '',
  };
  const run = (args: string[]) => runCli(ws, args, env);
  return { ws, keys, run };
}

describe('coditect license', () => {
  it('keygen → issue → verify → activate → status → deactivate', () => {
    const { ws, keys, run } = setup();
    expect(run(['license', 'keygen', '--out', keys]).code).toBe(0);
    expect(fs.statSync(path.join(keys, 'license-private-key.pem')).mode & 0o777).toBe(0o600);
    const issued = run([
      'license',
      'issue',
      '--private-key',
      path.join(keys, 'license-private-key.pem'),
      '--org',
      'Acme Ltd',
      '--seats',
      '3',
      '--tier',
      'team',
      '--expires',
      '2099-12-31',
      '--entitlement',
      'sync',
      '--entitlement',
      'search',
      '--max-machines',
      '2',
    ]);
    expect(issued.code).toBe(0);
    const key = issued.stdout.trim();
    expect(key).toMatch(/^key\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const verified = run(['license', 'verify', key, '--json']);
    expect(verified.code).toBe(0);
    const doc = JSON.parse(verified.stdout);
    expect(doc.state).toMatchObject({
      state: 'valid',
      license: { org: 'Acme Ltd', seats: 3, tier: 'team', maxMachines: 2, entitlements: ['sync', 'search'] },
    });

    const activated = run(['license', 'activate', key]);
    expect(activated.code).toBe(0);
    expect(activated.stdout).toContain('Licensed to Acme Ltd (team, 3 seats), valid until 2099-12-31.');
    expect(activated.stdout).toMatch(/stored in: .*license\.key \(UNENCRYPTED/);

    const status = run(['license', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/org: Acme Ltd\n {2}tier: team\n.*\n {2}expires: 2099-12-31/);
    const doctor = runCli(ws, ['doctor', '--root', ws.root], { CODITECT_SECRET_STORE: 'file' });
    expect(doctor.stdout).toMatch(/license: license [0-9a-f-]{36} stored in .*UNENCRYPTED/);

    expect(run(['license', 'deactivate']).stdout).toContain('License key removed from: file.');
    expect(run(['license', 'status']).code).toBe(1);
  });

  it('verify exits 1 and prints the reason for a bad key', () => {
    const { keys, run } = setup();
    run(['license', 'keygen', '--out', keys]);
    const other = path.join(keys, 'other');
    run(['license', 'keygen', '--out', other]);
    const forged = run([
      'license',
      'issue',
      '--private-key',
      path.join(other, 'license-private-key.pem'),
      '--org',
      'X',
      '--seats',
      '1',
      '--tier',
      't',
    ]).stdout.trim();
    const r = run(['license', 'verify', forged]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('This key was not signed by CODITECT');
    const expired = run([
      'license',
      'issue',
      '--private-key',
      path.join(keys, 'license-private-key.pem'),
      '--org',
      'X',
      '--seats',
      '1',
      '--tier',
      't',
      '--expires',
      '2020-01-01',
    ]);
    expect(expired.code).toBe(0);
    const e = run(['license', 'verify', expired.stdout.trim()]);
    expect(e.code).toBe(1);
    expect(e.stdout).toContain('This license for X expired on 2020-01-01.');
    expect(run(['license', 'verify', 'hello']).stdout).toContain('This is not a CODITECT license key');
  });

  it('never writes a key into the log or stdout of status', () => {
    const { ws, keys, run } = setup();
    run(['license', 'keygen', '--out', keys]);
    const key = run([
      'license',
      'issue',
      '--private-key',
      path.join(keys, 'license-private-key.pem'),
      '--org',
      'X',
      '--seats',
      '1',
      '--tier',
      't',
    ]).stdout.trim();
    run(['license', 'activate', key]);
    expect(run(['license', 'status']).stdout).not.toContain(key.slice(4, 40));
    const log = path.join(ws.memory, '.local', 'coditect.log');
    if (fs.existsSync(log)) expect(fs.readFileSync(log, 'utf8')).not.toContain(key.slice(4, 40));
  });
});
