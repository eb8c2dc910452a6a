import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PipelineEvent } from '../core/pipeline/events';
import { EXIT, type RunSummary } from '../core/pipeline/run-summary';
import { memoryLayout } from '../core/workspace/memory-layout';
import type { PipelineJob, WorkerMessage } from './pipeline-job';

export interface WorkerRun {
  /** The run's summary; a crashed worker yields a `failed` summary, never a rejection. */
  done: Promise<RunSummary>;
  /** Stop the worker (the app is quitting); the pipeline's crash recovery finishes the work next run. */
  terminate(): Promise<void>;
}

/** Run one export-dedup in a worker thread, streaming its progress events to `onEvent`. */
export function runPipelineInWorker(job: PipelineJob, onEvent: (e: PipelineEvent) => void): WorkerRun {
  const started = performance.now();
  const worker = startWorker(job);
  const done = new Promise<RunSummary>((resolve) => {
    let summary: RunSummary | null = null;
    const crashed = (error: string) => resolve(crashSummary(job, error, performance.now() - started));
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'event') onEvent(m.event);
      else if (m.kind === 'done') summary = m.summary;
      else crashed(m.error);
    });
    worker.on('error', (err) => crashed(`the pipeline worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (summary) resolve(summary);
      else crashed(`the pipeline worker stopped (exit code ${code}) before it finished`);
    });
  });
  return { done, terminate: () => worker.terminate().then(() => undefined) };
}

/**
 * out/main/pipeline-worker.js. The code that starts it may itself sit in out/main/chunks/ (a
 * chunk the app's index.js and the CLI's cli.js share), so `__dirname` is one level too deep.
 */
export function bundledWorkerFile(dir: string, exists: (file: string) => boolean = fs.existsSync): string {
  const beside = path.join(dir, 'pipeline-worker.js');
  if (exists(beside) || path.basename(dir) !== 'chunks') return beside;
  return path.join(path.dirname(dir), 'pipeline-worker.js');
}

/**
 * Bundled by electron-vite, the worker is `pipeline-worker.js` beside the main bundle. Run
 * from source (the CLI's preview, tests), it is TypeScript: a small CommonJS bootstrap
 * registers tsx in the worker first (`--import tsx` in execArgv does not reach workers on Node 20).
 */
function startWorker(job: PipelineJob): Worker {
  const options = { workerData: job, env: { ...job.env } };
  if (!__filename.endsWith('.ts')) return new Worker(bundledWorkerFile(__dirname), options);
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const entry = path.join(__dirname, 'pipeline-worker.ts');
  const tsconfig = path.resolve(__dirname, '..', '..', 'tsconfig.node.json');
  const bootstrap = [
    `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)};`,
    `require(${JSON.stringify(tsx)});`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  return new Worker(bootstrap, { ...options, eval: true });
}

function crashSummary(job: PipelineJob, error: string, ms: number): RunSummary {
  const layout = memoryLayout(job.memoryDir);
  return {
    outcome: 'failed',
    exitCode: EXIT.failed,
    memoryDir: layout.root,
    logFile: layout.logFile,
    counts: { read: 0, newUnique: 0, duplicates: 0 },
    dedupRate: 0,
    files: [],
    waiting: [],
    problems: [],
    archived: [],
    rawCopies: [],
    checkpoint: null,
    touchedPaths: [],
    redactions: 0,
    git: { skipped: 'the run did not finish' },
    durationMs: Math.round(ms),
    error,
  };
}
