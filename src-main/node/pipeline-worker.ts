/**
 * The worker-thread entry that runs one export-dedup: the import of gigabytes happens here,
 * so the main process event loop (IPC, the window, the log tail) stays free. It receives a
 * PipelineJob as workerData and posts progress events, then the run summary, then exits.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createGitStep } from '../core/git/checkpoint-commit';
import { openLog } from '../core/log/open-log';
import { runExportDedup } from '../core/pipeline/export-dedup';
import { memoryLayout } from '../core/workspace/memory-layout';
import type { PipelineJob, WorkerMessage } from './pipeline-job';
import { WorkerParser } from './worker-parser';
import { backgroundStoreTasks } from './store-tasks';
import { lowerThreadPriority } from './thread-priority';

/**
 * In the app this run shares the machine with the window's main process. Parsing ahead and
 * store work (log copy, search index) on further threads keep three threads busy: on two cores that starved the
 * main thread (its event loop stalled up to 67 ms on the bench corpus, against 35 ms
 * without). So the run takes helper threads only where a core is left for the window.
 * The command line, with no window to keep responsive, always takes them.
 */
function helperThreads() {
  if (os.availableParallelism() <= 2) return {};
  return { createParser: () => WorkerParser.create(), storeTasks: backgroundStoreTasks };
}

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function run(job: PipelineJob): Promise<void> {
  const { git, logMaxLines, ...plain } = job;
  const log = openLog(memoryLayout(job.memoryDir).logFile, { maxLines: logMaxLines, env: job.env });
  try {
    const summary = await runExportDedup({
      ...plain,
      git: git ? createGitStep({ push: false, logger: log }) : null,
      logger: log,
      ...helperThreads(),
      onEvent: (event) => post({ kind: 'event', event }),
    });
    post({ kind: 'done', summary });
  } finally {
    log.close();
  }
}

// The window's thread first: on two cores shared with this run its event loop otherwise waited
// up to 100 ms at a time for a core (issue 16 §5). Helper threads started from here inherit it.
lowerThreadPriority();
run(workerData as PipelineJob).catch((err: unknown) =>
  post({ kind: 'crashed', error: err instanceof Error ? err.message : String(err) }),
);
