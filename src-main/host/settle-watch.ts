import fs from 'node:fs';

/** After the settle interval, a little more: discovery must see the file as settled when asked. */
const MARGIN_MS = 250;

/**
 * Files stay "still being written" until they have been quiet for the settle interval, and a
 * file that stops changing raises no file-system event: this tells when each file the watcher
 * reported has settled, so the "Exports waiting" panel can move it without a Refresh.
 */
export class SettleWatch {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly settleMs: number,
    private readonly onSettled: (file: string) => void,
  ) {}

  /** The file changed just now: (re)start its wait. */
  track(file: string, waitMs = this.settleMs + MARGIN_MS): void {
    const before = this.timers.get(file);
    if (before) clearTimeout(before);
    const timer = setTimeout(() => this.check(file), waitMs);
    timer.unref?.();
    this.timers.set(file, timer);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private check(file: string): void {
    this.timers.delete(file);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      return; // moved to the archive or deleted: the panel hears of it from the run
    }
    const quietFor = Date.now() - mtimeMs;
    if (quietFor >= this.settleMs) this.onSettled(file);
    else this.track(file, this.settleMs - quietFor + MARGIN_MS);
  }
}
