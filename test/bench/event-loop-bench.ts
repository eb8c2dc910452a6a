/**
 * The main event loop's delay during an import, as the app runs it: the IPC service starts
 * the run in its worker thread while this thread keeps answering requests (as the window
 * would ask for the status and the log). Target: under 50 ms during a 200 MB import.
 */
import os from 'node:os';
import type { PipelineEvent } from '../../src-main/core/pipeline/events';
import type { EventOf } from '../../src-main/ipc/contract';
import { createIpcService } from '../../src-main/ipc/service';
import { measureEventLoopDelay } from '../../src-main/node/event-loop-delay';

export interface EventLoopBench {
  p99Ms: number;
  maxMs: number;
  runMs: number;
  outcome: string;
}

export interface EventLoopBenchOptions {
  /** Every progress event of the run, as the window receives them (event-loop-run.ts attributes stalls). */
  onEvent?: (e: PipelineEvent) => void;
}

export async function benchEventLoop(
  root: string,
  memory: string,
  home: string,
  opts: EventLoopBenchOptions = {},
): Promise<EventLoopBench> {
  const service = createIpcService({
    host: 'preview',
    version: 'bench',
    flags: { root, memory },
    env: { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: '' },
    cwd: root,
    tmpdir: os.tmpdir(),
    watch: true,
    lockWaitMs: 0,
  });
  const off = service.events.subscribe((name, payload) => {
    if (name === 'pipeline:event') opts.onEvent?.((payload as EventOf<'pipeline:event'>).event);
  });
  try {
    const t0 = performance.now();
    const { result, delay } = await measureEventLoopDelay(() => runWhileAsking(service));
    return {
      p99Ms: delay.p99Ms,
      maxMs: delay.maxMs,
      runMs: Math.round(performance.now() - t0),
      outcome: result,
    };
  } finally {
    off();
    await service.close();
  }
}

/** Starts the run and polls the status and log like the window does, until the run is done. */
async function runWhileAsking(service: ReturnType<typeof createIpcService>): Promise<string> {
  const done = new Promise<string>((resolve) => service.pipeline.onDone((s) => resolve(s.outcome)));
  const started = await service.dispatch('pipeline:start', { git: false });
  if (!started.ok) throw new Error(`the run did not start: ${started.error.message}`);
  const asking = setInterval(() => {
    void service.dispatch('pipeline:status', undefined);
    void service.dispatch('log:tail', { lines: 200 });
  }, 50);
  try {
    return await done;
  } finally {
    clearInterval(asking);
  }
}
