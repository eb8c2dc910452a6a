import type { Logger } from '../log/logger';
import type { EventSink, StepName } from './events';

/** Runs the pipeline's steps: each one logged and announced as started, succeeded or failed. */
export class StepRunner {
  constructor(
    private readonly log: Logger,
    private readonly emit: EventSink,
  ) {}

  async run<T>(step: StepName, fn: () => Promise<T> | T, summarize: (r: T) => string): Promise<T> {
    const t0 = performance.now();
    this.emit({ type: 'step-started', step });
    this.log.info(step, 'started');
    try {
      const result = await fn();
      const durationMs = Math.round(performance.now() - t0);
      const summary = summarize(result);
      this.emit({ type: 'step-succeeded', step, durationMs, summary });
      this.log.info(step, `succeeded: ${summary}`, { duration_ms: durationMs });
      return result;
    } catch (err) {
      const durationMs = Math.round(performance.now() - t0);
      const error = (err as Error).message ?? String(err);
      this.emit({ type: 'step-failed', step, durationMs, error });
      this.log.error(step, `failed: ${error}`, { duration_ms: durationMs });
      throw err;
    }
  }

  skip(step: StepName, reason: string): void {
    this.emit({ type: 'step-skipped', step, reason });
    this.log.info(step, `skipped: ${reason}`);
  }
}
