import type { PipelineEvent } from '../core/pipeline/events';
import { EXIT, type RunSummary } from '../core/pipeline/run-summary';
import { memoryLayout } from '../core/workspace/memory-layout';
import type { PipelineJob, WorkerMessage } from './pipeline-job';
import { startWorker } from './start-worker';

export { bundledWorkerFile } from './start-worker';

export interface WorkerRun {
  /** The run's summary; a crashed worker yields a `failed` summary, never a rejection. */
  done: Promise<RunSummary>;
  /** Stop the worker (the app is quitting); the pipeline's crash recovery finishes the work next run. */
  terminate(): Promise<void>;
}

/** Run one export-dedup in a worker thread, streaming its progress events to `onEvent`. */
export function runPipelineInWorker(job: PipelineJob, onEvent: (e: PipelineEvent) => void): WorkerRun {
  const started = performance.now();
  const worker = startWorker('pipeline-worker', { workerData: job, env: { ...job.env } });
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
    skippedLinks: [],
    archived: [],
    rawCopies: [],
    checkpoint: null,
    touchedPaths: [],
    redactions: 0,
    git: { skipped: 'the run did not finish' },
    memoryNotInGit: null,
    durationMs: Math.round(ms),
    error,
  };
}
