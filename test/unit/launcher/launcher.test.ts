import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LauncherTarget } from '../../../src-main/core/launcher/install';
import { installLauncher, launcherInstalled, removeLauncher } from '../../../src-main/core/launcher/install';
import {
  isOnPath,
  LAUNCHER_MARKER,
  launcherDir,
  packagedCli,
  windowsLauncher,
} from '../../../src-main/core/launcher/script';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-launcher-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A stand-in for the bundled CLI: echoes its arguments and Node-mode flag, exits with 7. */
function stubCli(dir: string): string {
  const file = path.join(dir, "stub cli's.js");
  fs.writeFileSync(
    file,
    'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), node: process.env.ELECTRON_RUN_AS_NODE }));\n' +
      'process.exitCode = 7;\n',
  );
  return file;
}

function linuxTarget(name: string): LauncherTarget {
  const home = path.join(temp, name);
  fs.mkdirSync(home, { recursive: true });
  return { platform: 'linux', home, env: { PATH: '/usr/bin' } };
}

describe('launcher locations', () => {
  const never = { home: '/home/ada', env: {}, canWrite: () => false };
  it('Linux ~/.local/bin; macOS /usr/local/bin when writable, else ~/bin; Windows under LOCALAPPDATA', () => {
    expect(launcherDir('linux', never)).toBe('/home/ada/.local/bin');
    expect(launcherDir('darwin', { ...never, canWrite: (d) => d === '/usr/local/bin' })).toBe(
      '/usr/local/bin',
    );
    expect(launcherDir('darwin', never)).toBe('/home/ada/bin');
    expect(launcherDir('win32', { ...never, env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' } })).toBe(
      'C:\\Users\\ada\\AppData\\Local\\Programs\\CODITECT\\bin',
    );
  });

  it('points at the CLI inside the app’s asar', () => {
    expect(packagedCli('/opt/CODITECT/coditect', '/opt/CODITECT/resources', 'linux')).toEqual({
      runtime: '/opt/CODITECT/coditect',
      script: '/opt/CODITECT/resources/app.asar/out/main/cli.js',
    });
  });

  it('knows whether the folder is on PATH (case-insensitive on Windows)', () => {
    expect(isOnPath('/home/ada/.local/bin', '/usr/bin:/home/ada/.local/bin/', 'linux')).toBe(true);
    expect(isOnPath('/home/ada/.local/bin', '/usr/bin', 'linux')).toBe(false);
    expect(isOnPath('C:\\X\\bin', 'C:\\Windows;c:\\x\\BIN\\', 'win32')).toBe(true);
  });

  it('Windows .cmd sets Node mode, forwards %* and the exit code', () => {
    const text = windowsLauncher({
      runtime: 'C:\\P\\CODITECT.exe',
      script: 'C:\\P\\resources\\app.asar\\out\\main\\cli.js',
    });
    expect(text).toContain('set ELECTRON_RUN_AS_NODE=1');
    expect(text).toContain('"C:\\P\\CODITECT.exe" "C:\\P\\resources\\app.asar\\out\\main\\cli.js" %*');
    expect(text).toContain('exit /b %ERRORLEVEL%');
    expect(text).toContain(LAUNCHER_MARKER);
    expect(text.split('\r\n').length).toBeGreaterThan(3);
  });
});

describe('launcher install and removal (temp HOME)', () => {
  it('writes an executable script, idempotently, and notes PATH', () => {
    const target = linuxTarget('a');
    const cli = { runtime: process.execPath, script: stubCli(target.home) };
    const first = installLauncher(target, cli);
    expect(first.file).toBe(path.join(target.home, '.local', 'bin', 'coditect'));
    expect(first.changed).toBe(true);
    expect(first.onPath).toBe(false);
    expect(first.note).toContain(path.join(target.home, '.local', 'bin'));
    expect(fs.statSync(first.file).mode & 0o111).not.toBe(0);
    expect(installLauncher(target, cli).changed).toBe(false);
    expect(launcherInstalled(target)).toBe(true);
    const onPath = installLauncher({ ...target, env: { PATH: path.dirname(first.file) } }, cli);
    expect(onPath).toMatchObject({ onPath: true, note: null });
  });

  it.runIf(process.platform !== 'win32')(
    'runs the CLI with Node mode on, forwarding arguments and exit code',
    () => {
      const target = linuxTarget('b');
      const { file } = installLauncher(target, { runtime: process.execPath, script: stubCli(target.home) });
      const result = spawnSync(file, ['export-dedup', '--json', "it's a path with spaces"], {
        encoding: 'utf8',
      });
      expect(result.status).toBe(7);
      expect(JSON.parse(result.stdout)).toEqual({
        args: ['export-dedup', '--json', "it's a path with spaces"],
        node: '1',
      });
    },
  );

  it('removes its own launcher, and never someone else’s coditect', () => {
    const target = linuxTarget('c');
    installLauncher(target, { runtime: process.execPath, script: stubCli(target.home) });
    expect(removeLauncher(target)).toBe(true);
    expect(removeLauncher(target)).toBe(false);
    expect(launcherInstalled(target)).toBe(false);

    const foreign = path.join(target.home, '.local', 'bin', 'coditect');
    fs.writeFileSync(foreign, '#!/bin/sh\nexec node /usr/lib/node_modules/coditect/bin/coditect.js "$@"\n');
    expect(() => installLauncher(target, { runtime: process.execPath, script: 'x.js' })).toThrow(
      /not written by CODITECT/,
    );
    expect(() => removeLauncher(target)).toThrow(/not written by CODITECT/);
    expect(fs.existsSync(foreign)).toBe(true);
  });
});
