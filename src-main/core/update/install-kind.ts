/**
 * How this copy was installed, from facts the glue gathers (platform, paths, environment).
 *
 * MSI detection, decided: the NSIS installer leaves evidence and the MSI does not. NSIS always
 * writes "Uninstall CODITECT.exe" beside CODITECT.exe, and build/installer.nsh also writes the
 * marker resources/installed-by-nsis. The MSI and the NSIS installer ship the very same
 * win-unpacked tree (app-update.yml included), so the tree alone cannot tell them apart, and
 * install paths and registry keys can be moved by admins. So Windows fails closed: a packaged
 * copy without NSIS evidence is treated as IT-managed (MSI, or a copied folder) and never
 * auto-updates. Portable exes announce themselves with PORTABLE_EXECUTABLE_DIR.
 */
import path from 'node:path';
import type { InstallKind } from './policy';

const PRODUCT_NAME = 'CODITECT';
const NSIS_UNINSTALLER = `Uninstall ${PRODUCT_NAME}.exe`;
const NSIS_MARKER = 'installed-by-nsis';

export interface InstallProbe {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** process.execPath of the app. */
  execPath: string;
  /** process.resourcesPath of the app. */
  resourcesPath: string;
  env: Record<string, string | undefined>;
  exists(file: string): boolean;
}

function windowsInstallKind(probe: InstallProbe): InstallKind {
  if (probe.env.PORTABLE_EXECUTABLE_DIR) return 'portable';
  const uninstaller = path.win32.join(path.win32.dirname(probe.execPath), NSIS_UNINSTALLER);
  const marker = path.win32.join(probe.resourcesPath, NSIS_MARKER);
  return probe.exists(uninstaller) || probe.exists(marker) ? 'nsis' : 'msi';
}

export function detectInstallKind(probe: InstallProbe): InstallKind {
  if (!probe.isPackaged) return 'unpackaged';
  if (probe.platform === 'win32') return windowsInstallKind(probe);
  if (probe.platform === 'darwin') return 'dmg';
  // The AppImage runtime sets APPIMAGE to the image's path; electron-updater replaces that file.
  return probe.env.APPIMAGE ? 'appimage' : 'linux-package';
}
