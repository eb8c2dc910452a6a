// `npm start`: build and launch the desktop app. The Electron runtime comes from GitHub and
// package.json keeps Electron's install script from running during `npm ci` (it rolls the whole
// install back where GitHub is unreachable), so a missing runtime is fetched here, by Electron's
// own installer; only when that fails does this explain what is missing and what works without it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronRuntime, printParagraph, projectRoot, runBin } from './electron-runtime.mjs';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** Runs node_modules/electron/install.js (download, checksum, unzip); true when it succeeded. */
function installRuntime() {
  const installer = path.join(projectRoot, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return false;
  process.stderr.write(
    "CODITECT: the Electron runtime is not installed yet; running Electron's installer " +
      '(it downloads from GitHub, or from ELECTRON_MIRROR) …\n',
  );
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [installer], {
    cwd: path.dirname(installer),
    env,
    stdio: 'inherit',
    timeout: INSTALL_TIMEOUT_MS,
  });
  return r.status === 0;
}

function explainMissingRuntime() {
  printParagraph(
    'CODITECT: the Electron runtime is not installed, so the desktop app cannot start here. ' +
      "Electron's installer could not download it: GitHub (or the mirror named in ELECTRON_MIRROR) " +
      'did not answer from this machine. Run `npm start` again where it is reachable. ' +
      'The same core works now through the command line: `npx coditect export-dedup --help`; ' +
      'and the real UI runs in your browser with `npm run preview`.',
  );
}

function main() {
  const electron = findElectronRuntime() ?? (installRuntime() ? findElectronRuntime() : null);
  if (!electron) {
    explainMissingRuntime();
    return 1;
  }
  const built = runBin('electron-vite', 'electron-vite', ['build']);
  if (built !== 0) return built;
  // Extra arguments go to electron-vite preview, e.g. `npm start -- --noSandbox`.
  return runBin('electron-vite', 'electron-vite', ['preview', '--skipBuild', ...process.argv.slice(2)], {
    ...process.env,
    ELECTRON_EXEC_PATH: electron,
  });
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`npm start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
