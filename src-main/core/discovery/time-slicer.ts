/**
 * Lets a synchronous walk share the event loop: the caller checks `due()` between units of
 * work and awaits `pause()` when its slice is used up, so timers, IPC and progress events
 * still run every few milliseconds while discovery works.
 */
export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs: number) {}

  due(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
