import { describe, expect, it } from 'vitest';
import type { InstallProbe } from '../../../src-main/core/update/install-kind';
import { detectInstallKind } from '../../../src-main/core/update/install-kind';

const WIN_EXE = 'C:\\Users\\ada\\AppData\\Local\\Programs\\CODITECT\\CODITECT.exe';
const WIN_RES = 'C:\\Users\\ada\\AppData\\Local\\Programs\\CODITECT\\resources';

function probe(more: Partial<InstallProbe>, files: string[] = []): InstallProbe {
  return {
    platform: 'win32',
    isPackaged: true,
    execPath: WIN_EXE,
    resourcesPath: WIN_RES,
    env: {},
    exists: (f) => files.includes(f),
    ...more,
  };
}

describe('install kind', () => {
  it('Windows: NSIS leaves its uninstaller (or our marker); without either it is an MSI copy', () => {
    expect(
      detectInstallKind(
        probe({}, ['C:\\Users\\ada\\AppData\\Local\\Programs\\CODITECT\\Uninstall CODITECT.exe']),
      ),
    ).toBe('nsis');
    expect(detectInstallKind(probe({}, [`${WIN_RES}\\installed-by-nsis`]))).toBe('nsis');
    expect(detectInstallKind(probe({ execPath: 'C:\\Program Files\\CODITECT\\CODITECT.exe' }))).toBe('msi');
  });

  it('Windows portable exe, macOS, Linux AppImage vs package, development', () => {
    expect(detectInstallKind(probe({ env: { PORTABLE_EXECUTABLE_DIR: 'D:\\' } }))).toBe('portable');
    expect(detectInstallKind(probe({ platform: 'darwin' }))).toBe('dmg');
    expect(
      detectInstallKind(probe({ platform: 'linux', env: { APPIMAGE: '/home/a/CODITECT.AppImage' } })),
    ).toBe('appimage');
    expect(detectInstallKind(probe({ platform: 'linux' }))).toBe('linux-package');
    expect(detectInstallKind(probe({ isPackaged: false }))).toBe('unpackaged');
  });
});
