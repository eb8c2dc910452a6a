import { randomUUID } from 'node:crypto';
import { EXPLICIT_RUN_SETTLE_WAIT } from '../core/discovery/settle-wait';
import type { RunSummary } from '../core/pipeline/run-summary';
import { workspaceRunOptions } from '../core/pipeline/run-options';
import { memoryLayout } from '../core/workspace/memory-layout';
import type { PipelineJob } from '../node/pipeline-job';
import { runPipelineInWorker, type WorkerRun } from '../node/run-in-worker';
import type { ParsedRequestOf, ResponseOf } from '../ipc/contract';
import type { ServiceContext } from '../ipc/context';
import { IpcFailure } from '../ipc/errors';
import { lastRunFile, readLastRun, writeLastRun } from './last-run';

/** `waitForWrites: false`: the watcher's runs, which schedule a later run instead of waiting. */
export type StartOptions = ParsedRequestOf<'pipeline:start'> & { command?: string; waitForWrites?: boolean };

/**
 * One export-dedup at a time, each in its own worker thread. Progress goes out as
 * `pipeline:event`, the end as `pipeline:done`; the last summary is kept for the dashboard.
 */
export class PipelineController {
  private current: { runId: string; run: WorkerRun } | null = null;
  private last: RunSummary | null;
  private readonly doneListeners = new Set<(s: RunSummary) => void>();

  constructor(private readonly ctx: ServiceContext) {
    this.last = readLastRun(lastRunFile(ctx.workspace.layout.localDir));
    ctx.onReload((ws) => (this.last = readLastRun(lastRunFile(ws.layout.localDir))));
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Starts a run and returns its id; `busy` while another run of this app is going. */
  start(opts: StartOptions): string {
    if (this.current) throw new IpcFailure('busy', `a run is already going (${this.current.runId})`);
    const runId = randomUUID();
    const job = this.job(opts);
    const run = runPipelineInWorker(job, (event) => this.ctx.events.emit('pipeline:event', { runId, event }));
    this.current = { runId, run };
    void run.done.then((summary) => this.finish(runId, job, summary));
    return runId;
  }

  status(): ResponseOf<'pipeline:status'> {
    return { running: this.running, runId: this.current?.runId ?? null, last: this.lastSummary() };
  }

  lastSummary(): ResponseOf<'pipeline:status'>['last'] {
    return this.last;
  }

  onDone(listener: (s: RunSummary) => void): () => void {
    this.doneListeners.add(listener);
    return () => void this.doneListeners.delete(listener);
  }

  /** Quitting: stop the worker; the pipeline finishes interrupted work on its next run. */
  async stop(): Promise<void> {
    const current = this.current;
    if (current) await current.run.terminate();
  }

  private job(opts: StartOptions): PipelineJob {
    const ws = this.ctx.workspace;
    const o = this.ctx.options;
    return {
      ...workspaceRunOptions(ws, this.ctx),
      description: opts.description,
      includeTemp: opts.includeTemp ?? false,
      includeTranscripts: opts.includeTranscripts ?? true,
      git: opts.git ?? true,
      lockWaitMs: o.lockWaitMs ?? 10_000,
      settleMs: o.settleMs,
      ...(opts.waitForWrites === false ? {} : { settleWait: EXPLICIT_RUN_SETTLE_WAIT }),
      logMaxLines: ws.settings.logMaxLines,
      command: opts.command ?? `coditect ${o.host}`,
    };
  }

  private finish(runId: string, job: PipelineJob, summary: RunSummary): void {
    this.current = null;
    this.last = summary;
    try {
      writeLastRun(lastRunFile(memoryLayout(job.memoryDir).localDir), summary);
    } catch (err) {
      this.ctx.logError('ipc', 'could not keep the last run summary', err);
    }
    this.ctx.events.emit('pipeline:done', { runId, summary });
    for (const listener of this.doneListeners) {
      try {
        listener(summary);
      } catch (err) {
        this.ctx.logError('ipc', 'a run-finished listener failed', err);
      }
    }
  }
}
