/**
 * The bundled `coditect` command for installed apps: electron-vite builds this file to
 * out/main/cli.js (beside the app's main bundle and pipeline-worker.js), and the launcher runs
 * it with the app's own runtime, so the CLI works on a machine without Node.js. In a checkout,
 * bin/coditect.js runs the same `main` through tsx instead.
 */
import { main } from './main';
import { processOutput } from './output';

// The CLI bundled in the installed app: a packaged build (see core/license/public-key).
main(process.argv, processOutput, 'packaged').then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`coditect: unexpected error: ${message}\n`);
    if (process.env.CODITECT_DEBUG && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
