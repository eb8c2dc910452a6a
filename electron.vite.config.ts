import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const appVersion = JSON.stringify(pkg.version);

export default defineConfig({
  main: {
    // Dependencies stay in node_modules (better-sqlite3 is native); only our code is bundled.
    build: {
      externalizeDeps: true,
      // The workers are entries of their own: start-worker starts out/main/<entry>.js.
      // `cli` is the packaged `coditect` command (out/main/cli.js) the launcher runs.
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/electron/main.ts'),
          'pipeline-worker': resolve(root, 'src-main/node/pipeline-worker.ts'),
          'parse-worker': resolve(root, 'src-main/node/parse-worker.ts'),
          'store-task-worker': resolve(root, 'src-main/node/store-task-worker.ts'),
          cli: resolve(root, 'src-main/cli/entry.ts'),
        },
      },
    },
  },
  preload: {
    // The preload runs sandboxed: it may require only `electron`, so everything else is bundled.
    build: {
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(root, 'src-main/electron/preload.ts') } },
    },
    define: { __APP_VERSION__: appVersion },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    build: {
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
    plugins: [react()],
  },
});
