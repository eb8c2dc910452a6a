// `npm run dist`: package installers with electron-builder. Packaging needs the Electron runtime
// and electron-builder's tools (Electron zips, NSIS, AppImage, fpm, …), all downloaded from
// GitHub; where they cannot be had, fail fast with a message instead of hanging on downloads.
import { findElectronRuntime, printParagraph, runBin } from './electron-runtime.mjs';

const PROBE_URL = 'https://github.com/';
const PROBE_TIMEOUT_MS = 10_000;
const RELEASE_NOTE =
  'Installers are built by the release workflow on macOS, Windows and Linux runners, which ' +
  'download these and rebuild native modules against Electron.';

/** True when GitHub answers within the timeout (any HTTP status counts as reachable). */
async function githubReachable() {
  try {
    await fetch(PROBE_URL, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  }
}

/** Skip the probe where it cannot tell: a binaries mirror or a proxy (Node's fetch ignores proxies). */
function probeApplies() {
  const env = process.env;
  return !(
    env.CODITECT_DIST_SKIP_PROBE ||
    env.ELECTRON_BUILDER_BINARIES_MIRROR ||
    env.HTTPS_PROXY ||
    env.https_proxy ||
    env.HTTP_PROXY ||
    env.http_proxy
  );
}

async function main() {
  if (!findElectronRuntime()) {
    printParagraph(
      'CODITECT: cannot package here: the Electron runtime is missing (node_modules/electron has ' +
        "no downloaded binary), and packaging also needs electron-builder's tools, both downloaded " +
        'from GitHub. Where GitHub is reachable, run `node node_modules/electron/install.js` with ' +
        `ELECTRON_SKIP_BINARY_DOWNLOAD unset, then \`npm run dist\` again. ${RELEASE_NOTE}`,
    );
    return 1;
  }
  if (probeApplies() && !(await githubReachable())) {
    printParagraph(
      `CODITECT: cannot package here: GitHub (${PROBE_URL}) did not answer within ` +
        `${PROBE_TIMEOUT_MS / 1000} s, and electron-builder downloads its packaging tools (Electron ` +
        'zips, NSIS, AppImage, fpm) from it. Set ELECTRON_BUILDER_BINARIES_MIRROR and ELECTRON_MIRROR ' +
        `to reachable mirrors, or set CODITECT_DIST_SKIP_PROBE=1 to try anyway. ${RELEASE_NOTE}`,
    );
    return 1;
  }
  const built = runBin('electron-vite', 'electron-vite', ['build']);
  if (built !== 0) return built;
  // Extra arguments go to electron-builder, e.g. `npm run dist -- --linux AppImage --publish never`.
  return runBin('electron-builder', 'electron-builder', process.argv.slice(2));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`npm run dist: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
