// `npm start`: build and launch the desktop app when the Electron runtime is installed;
// otherwise explain, in one paragraph, what is missing and what works without it.
import { findElectronRuntime, printParagraph, runBin } from './electron-runtime.mjs';

function main() {
  const electron = findElectronRuntime();
  if (!electron) {
    printParagraph(
      'CODITECT: the Electron runtime is not installed, so the desktop app cannot start here. ' +
        'Electron downloads its runtime from GitHub, and that download was skipped or could not ' +
        'reach GitHub from this machine. Where GitHub (or a mirror named in ELECTRON_MIRROR) is ' +
        'reachable, run `node node_modules/electron/install.js` with ELECTRON_SKIP_BINARY_DOWNLOAD ' +
        'unset, then `npm start` again. The same core works now through the command line: ' +
        '`npx coditect export-dedup --help`; and the real UI runs in your browser with `npm run preview`.',
    );
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
