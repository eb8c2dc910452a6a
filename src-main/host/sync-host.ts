import type { RunSummary } from '../core/pipeline/run-summary';
import { LockBusyError } from '../core/pipeline/pipeline-lock';
import { syncMemory, type SyncReport } from '../core/sync/memory-sync';
import { memorySyncStatus, type SyncStatus } from '../core/sync/sync-status';
import type { ServiceContext } from '../ipc/context';
import { IpcFailure } from '../ipc/errors';
import type { PipelineController } from './pipeline-controller';

/**
 * The app's memory sync: one at a time (a second click joins the running one), never while
 * this app imports (the pipeline lock keeps the CLI out too), and, with "sync automatically",
 * after every run that wrote a checkpoint. Each sync ends with `sync:done` for the status bar.
 */
export class SyncHost {
  private current: Promise<SyncReport> | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly pipeline: PipelineController,
  ) {
    pipeline.onDone((s) => this.afterRun(s));
  }

  status(): Promise<SyncStatus> {
    const ws = this.ctx.workspace;
    return memorySyncStatus(ws.root, ws.layout.root);
  }

  run(push: boolean): Promise<SyncReport> {
    if (this.pipeline.running) throw new IpcFailure('busy', 'an import is running; sync after it ends');
    this.current ??= this.sync(push).finally(() => (this.current = null));
    return this.current;
  }

  /** Quitting: let a sync in flight finish its git command (a killed one is undone by the next). */
  async settle(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  private async sync(push: boolean): Promise<SyncReport> {
    const ws = this.ctx.workspace;
    let report: SyncReport;
    try {
      report = await syncMemory({
        root: ws.root,
        memoryDir: ws.layout.root,
        push,
        log: this.ctx.logger,
        lockWaitMs: 0,
      });
    } catch (err) {
      if (err instanceof LockBusyError) throw new IpcFailure('busy', err.message);
      throw err;
    }
    const status = await this.status().catch(() => null);
    if (status) this.ctx.events.emit('sync:done', { report, status });
    return report;
  }

  private afterRun(summary: RunSummary): void {
    if (!this.ctx.workspace.settings.autoSync || !summary.checkpoint) return;
    this.run(true).catch((err) =>
      this.ctx.logError('sync', 'the automatic sync after a checkpoint failed', err),
    );
  }
}
