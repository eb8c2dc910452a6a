import { DEFAULT_SETTLE_MS } from '../core/discovery/discover';
import type { RunSummary } from '../core/pipeline/run-summary';
import type { ServiceContext } from '../ipc/context';
import type { PipelineController } from './pipeline-controller';

/** A file younger than discovery's settle time waits for a later run: try again once it has settled. */
const MAX_RETRIES = 5;

/**
 * With auto-import on, a new or grown export starts a run once things have been quiet for
 * a moment (an export is written in pieces), never while a run is going: a notice during a
 * run starts another one after it. Transcripts grow with every reply, so only exports
 * trigger a run; the run still picks up the transcripts.
 */
export class AutoImporter {
  private timer: NodeJS.Timeout | null = null;
  private afterRun = false;
  private readonly triggers = new Set<string>();
  private retries = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly pipeline: PipelineController,
    private readonly delayMs: number,
  ) {
    pipeline.onDone((s) => this.runFinished(s));
  }

  notify(exportPath: string): void {
    if (!this.ctx.workspace.settings.autoImport) return;
    this.triggers.add(exportPath);
    this.retries = 0;
    this.schedule(this.delayMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.stop();
    this.timer = setTimeout(() => this.fire(), ms);
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = null;
    if (!this.ctx.workspace.settings.autoImport) return this.triggers.clear();
    if (this.pipeline.running) {
      this.afterRun = true;
      return;
    }
    try {
      this.pipeline.start({ command: 'coditect auto-import', waitForWrites: false });
      this.ctx.logger.info('watch', `auto-import started for ${this.triggers.size} new or grown export(s)`);
    } catch (err) {
      this.ctx.logError('watch', 'auto-import could not start', err);
    }
  }

  private runFinished(summary: RunSummary): void {
    const stillWaiting = summary.waiting.some((p) => this.triggers.has(p));
    if (this.afterRun) {
      this.afterRun = false;
      return this.schedule(this.delayMs);
    }
    if (stillWaiting && this.retries < MAX_RETRIES) {
      this.retries++;
      return this.schedule((this.ctx.options.settleMs ?? DEFAULT_SETTLE_MS) + 1000);
    }
    this.triggers.clear();
  }
}
