import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker entries electron-vite bundles beside the main bundle (see electron.vite.config.ts). */
export type WorkerEntry = 'pipeline-worker' | 'parse-worker' | 'store-task-worker';

/**
 * out/main/<entry>.js. The code that starts it may itself sit in out/main/chunks/ (a chunk the
 * app's index.js and the CLI's cli.js share), so `__dirname` is one level too deep.
 */
export function bundledWorkerFile(
  dir: string,
  exists: (file: string) => boolean = fs.existsSync,
  entry: WorkerEntry = 'pipeline-worker',
): string {
  const beside = path.join(dir, `${entry}.js`);
  if (exists(beside) || path.basename(dir) !== 'chunks') return beside;
  return path.join(path.dirname(dir), `${entry}.js`);
}

/**
 * Each worker's young generation (V8's default lets it grow to 48 MB per thread). Our workers
 * allocate short-lived strings at a high rate: with the default, garbage collection ran late
 * and the threads together held 70 MB more at the peak of a 205 MB import, for no gain in time
 * (issue 16, `npm run bench`). The old generation is left to V8: a hard limit there would stop
 * an import of one very large file.
 */
const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 12 };

/**
 * Bundled by electron-vite, a worker is `<entry>.js` beside the main bundle. Run from source
 * (the CLI, tests), it is TypeScript: a small CommonJS bootstrap registers tsx in the worker
 * first (`--import tsx` in execArgv does not reach workers on Node 20).
 */
export function startWorker(entry: WorkerEntry, given: WorkerOptions): Worker {
  const options = { ...given, resourceLimits: { ...YOUNG_GENERATION, ...given.resourceLimits } };
  if (!__filename.endsWith('.ts'))
    return new Worker(bundledWorkerFile(__dirname, fs.existsSync, entry), options);
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const file = path.join(__dirname, `${entry}.ts`);
  const tsconfig = path.resolve(__dirname, '..', '..', 'tsconfig.node.json');
  const bootstrap = [
    `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)};`,
    `require(${JSON.stringify(tsx)});`,
    `require(${JSON.stringify(file)});`,
  ].join('\n');
  return new Worker(bootstrap, { ...options, eval: true });
}
