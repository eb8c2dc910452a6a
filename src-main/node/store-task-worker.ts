/**
 * The worker-thread entry that does one store task on its own connection while the pipeline
 * goes on writing checkpoint files: see store-tasks.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSideTask } from '../core/memory/side-connection';
import type { StoreTask } from './store-tasks';

const { file, task } = workerData as { file: string; task: StoreTask };
parentPort?.postMessage(runSideTask(file, task));
