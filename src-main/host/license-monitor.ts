import { failuresAfter, nextRevalidationMs } from '../core/license/revalidation';

/** A one-shot timer; returns the cancel function. Tests drive it by hand. */
export interface Timer {
  set(fn: () => void, ms: number): () => void;
}

export const realTimer: Timer = {
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    // A pending check must not keep the process (the CLI's preview, a test) alive.
    t.unref?.();
    return () => clearTimeout(t);
  },
};

export interface MonitorDeps {
  /** One check of the stored key; `failed` when the server could not be asked. */
  check(): Promise<{ keyStored: boolean; serverConfigured: boolean; failed: boolean }>;
  onChecked(): void;
  onError(err: unknown): void;
  timer?: Timer;
  now?: () => Date;
}

/**
 * The main process's license revalidation: a check at start, then as the policy says
 * (core/license/revalidation: every 24 h with a server, sooner after a failure, never
 * without a server or a key). One check at a time; a check that throws counts as a failure.
 */
export class LicenseMonitor {
  lastAt: Date | null = null;
  nextAt: Date | null = null;
  failures = 0;
  private cancel: (() => void) | null = null;
  private stopped = false;
  private readonly timer: Timer;
  private readonly now: () => Date;

  constructor(private readonly deps: MonitorDeps) {
    this.timer = deps.timer ?? realTimer;
    this.now = deps.now ?? (() => new Date());
  }

  /** At start, and again when the server settings change: check now, from a clean count. */
  start(): void {
    this.stopped = false;
    this.failures = 0;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
    this.nextAt = null;
  }

  private schedule(ms: number | null): void {
    this.cancel?.();
    this.cancel = null;
    this.nextAt = ms === null || this.stopped ? null : new Date(this.now().getTime() + ms);
    if (ms !== null && !this.stopped) this.cancel = this.timer.set(() => void this.run(), ms);
  }

  private async run(): Promise<void> {
    this.cancel = null;
    let next: number | null;
    try {
      const r = await this.deps.check();
      this.failures = failuresAfter(this.failures, r);
      next = nextRevalidationMs({ ...r, failures: this.failures });
    } catch (err) {
      this.deps.onError(err);
      this.failures += 1;
      next = nextRevalidationMs({ serverConfigured: true, keyStored: true, failures: this.failures });
    }
    this.lastAt = this.now();
    if (this.stopped) return;
    this.schedule(next);
    this.deps.onChecked();
  }
}
