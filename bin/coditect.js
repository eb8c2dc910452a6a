#!/usr/bin/env node
// The `coditect` command: runs the TypeScript CLI directly through tsx (a runtime dependency),
// so the CLI and the desktop app share one core with no separate build step.
'use strict';

const path = require('node:path');

/** Compile our sources with our tsconfig, not whatever tsconfig.json the user's cwd holds. */
function registerTsx() {
  const previous = process.env.TSX_TSCONFIG_PATH;
  process.env.TSX_TSCONFIG_PATH = path.join(__dirname, '..', 'tsconfig.node.json');
  try {
    require('tsx/cjs');
  } finally {
    if (previous === undefined) delete process.env.TSX_TSCONFIG_PATH;
    else process.env.TSX_TSCONFIG_PATH = previous;
  }
}

function fail(what, err) {
  const message = err && err.message ? err.message : String(err);
  process.stderr.write(`coditect: ${what}: ${message}\n`);
  if (process.env.CODITECT_DEBUG && err && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}

let cli;
try {
  registerTsx();
  cli = require('../src-main/cli/main.ts');
} catch (err) {
  fail('could not load the command line (set CODITECT_DEBUG=1 for details)', err);
}

if (cli) {
  cli.main(process.argv).then(
    (code) => {
      process.exitCode = typeof code === 'number' ? code : 0;
    },
    (err) => fail('unexpected error', err),
  );
}
