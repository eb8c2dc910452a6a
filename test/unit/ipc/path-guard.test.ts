import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IpcFailure } from '../../../src-main/ipc/errors';
import { canonical, PathGuard } from '../../../src-main/ipc/path-guard';

const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-guard-')));
const root = path.join(base, 'root');
const outside = path.join(base, 'outside');
fs.mkdirSync(path.join(root, 'repo'), { recursive: true });
fs.mkdirSync(outside);
fs.writeFileSync(path.join(root, 'repo', 'a.txt'), 'a');
fs.writeFileSync(path.join(outside, 'secret.txt'), 's');
fs.symlinkSync(outside, path.join(root, 'escape'));
fs.symlinkSync(path.join(root, 'repo'), path.join(outside, 'back-in'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const guard = new PathGuard([root]);

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof IpcFailure ? err.code : `threw ${String(err)}`;
  }
}

describe('PathGuard', () => {
  it('accepts paths inside a root and returns their canonical form', () => {
    expect(guard.confine(path.join(root, 'repo', 'a.txt'), 'path')).toBe(path.join(root, 'repo', 'a.txt'));
    expect(guard.confine(path.join(root, 'repo', '..', 'repo', 'a.txt'), 'path')).toBe(
      path.join(root, 'repo', 'a.txt'),
    );
    expect(guard.confine(root, 'path')).toBe(root);
    expect(guard.confine(path.join(root, 'not-yet', 'new.txt'), 'path')).toBe(
      path.join(root, 'not-yet', 'new.txt'),
    );
  });

  it('rejects .. tricks, other absolute paths and relative paths', () => {
    expect(code(() => guard.confine(path.join(root, '..', 'outside', 'secret.txt'), 'path'))).toBe(
      'forbidden-path',
    );
    expect(code(() => guard.confine(`${root}/repo/../../outside`, 'path'))).toBe('forbidden-path');
    expect(code(() => guard.confine('/etc/passwd', 'path'))).toBe('forbidden-path');
    expect(code(() => guard.confine(`${root}-sibling/x`, 'path'))).toBe('forbidden-path');
    expect(code(() => guard.confine('repo/a.txt', 'path'))).toBe('forbidden-path');
  });

  it('follows symlinks: a link inside pointing out is outside, a link outside pointing in is inside', () => {
    expect(code(() => guard.confine(path.join(root, 'escape', 'secret.txt'), 'path'))).toBe('forbidden-path');
    expect(code(() => guard.confine(path.join(root, 'escape', 'not-there'), 'path'))).toBe('forbidden-path');
    expect(guard.confine(path.join(outside, 'back-in', 'a.txt'), 'path')).toBe(
      path.join(root, 'repo', 'a.txt'),
    );
  });

  it('rejects NUL bytes and reports missing files as not-found', () => {
    expect(code(() => guard.confine(`${root}/repo\0/a.txt`, 'path'))).toBe('validation');
    expect(code(() => guard.confineExisting(path.join(root, 'missing.txt'), 'path'))).toBe('not-found');
  });

  it('names the field in the failure', () => {
    try {
      guard.confine('/etc', 'exportLocations.2');
    } catch (err) {
      expect((err as IpcFailure).field).toBe('exportLocations.2');
    }
  });

  it('canonical() resolves the existing prefix only', () => {
    expect(canonical(path.join(root, 'escape', 'a', 'b'))).toBe(path.join(outside, 'a', 'b'));
  });
});
