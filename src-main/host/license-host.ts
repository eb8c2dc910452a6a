import {
  activateLicense,
  checkLicense,
  deactivateLicense,
  licenseStatus,
  type LicenseContext,
  type LicenseReport,
} from '../core/license/license-service';
import { readLicenseRecord } from '../core/license/license-record';
import { loadPublicKeyPem } from '../core/license/public-key';
import { secretStoreFor } from '../core/license/secret-store';
import { resolveServerConfig, serverSource, type ServerConfig } from '../core/license/server-config';
import { configDir } from '../core/settings/settings';
import type { ResponseOf } from '../ipc/contract';
import type { LicenseOptions, ServiceContext } from '../ipc/context';
import { IpcFailure } from '../ipc/errors';
import { LicenseMonitor } from './license-monitor';
import { toLicenseView, type LicenseViewWire } from '../ipc/license-wire';

type StatusWire = ResponseOf<'license:status'>;
type ServerWire = StatusWire['server'];

/**
 * The service's end of the license channels: builds the license context from the service's
 * environment and settings (the same rules as the CLI's license-context), runs the
 * revalidation monitor, and sends `license:state` after each check. Keys pass through, never
 * logged: the log names license ids only.
 */
export class LicenseHost {
  private readonly monitor: LicenseMonitor;
  private last: LicenseViewWire | null = null;
  private serverKey: string;
  private readonly stopReload: () => void;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly opts: LicenseOptions = {},
  ) {
    this.monitor = new LicenseMonitor({
      check: () => this.revalidate(),
      onChecked: () => this.emit(),
      onError: (err) => ctx.note('warn', 'license', `license revalidation failed: ${(err as Error).message}`),
      timer: opts.timer,
      now: opts.now,
    });
    this.serverKey = this.serverFingerprint();
    // A different server in the settings: check against it at once, with a fresh retry count.
    this.stopReload = ctx.onReload(() => {
      const key = this.serverFingerprint();
      if (key === this.serverKey) return;
      this.serverKey = key;
      if (this.opts.revalidate) this.monitor.start();
    });
  }

  start(): void {
    if (this.opts.revalidate) this.monitor.start();
  }

  close(): void {
    this.stopReload();
    this.monitor.stop();
  }

  async check(key: string): Promise<LicenseViewWire> {
    return this.view(await checkLicense(this.context(), key));
  }

  async activate(key: string): Promise<LicenseViewWire> {
    const view = this.view(await activateLicense(this.context(), key));
    const id = view.license?.id ?? 'no id';
    if (view.stored) this.ctx.note('info', 'license', `license ${id} activated (${view.stored.backend})`);
    else this.ctx.note('warn', 'license', `license ${id} not activated: ${view.state}`);
    if (view.stored) this.remember(view);
    return view;
  }

  async status(): Promise<StatusWire> {
    const report = await licenseStatus(this.context());
    this.last = report ? this.view(report) : null;
    return this.snapshot();
  }

  async deactivate(): Promise<ResponseOf<'license:deactivate'>> {
    const ctx = this.context();
    const id = readLicenseRecord(ctx.configDir)?.licenseId ?? 'unknown id';
    const r = await deactivateLicense(ctx);
    this.ctx.note('info', 'license', `license ${id} removed from ${r.removedFrom.join(', ') || 'nowhere'}`);
    this.remember(null);
    return { removedFrom: r.removedFrom, note: r.online.note };
  }

  /** The status as last known, without asking anyone (what `license:state` carries). */
  snapshot(): StatusWire {
    const m = this.monitor;
    return {
      stored: this.last !== null,
      view: this.last,
      server: this.server(),
      revalidation: {
        lastAt: m.lastAt?.toISOString() ?? null,
        nextAt: m.nextAt?.toISOString() ?? null,
        failures: m.failures,
      },
    };
  }

  server(): ServerWire {
    const { source, problem } = this.resolveServer();
    const s = this.ctx.workspace.settings.licenseServer;
    const url = source === 'env' ? (this.ctx.env.CODITECT_LICENSE_SERVER?.trim() ?? null) : (s?.url ?? null);
    return { configured: source !== null && !problem, source, url, problem };
  }

  /** A named but unusable server makes the offline note say so, instead of "none configured". */
  private view(report: LicenseReport): LicenseViewWire {
    const view = toLicenseView(report);
    const { problem } = this.resolveServer();
    if (!problem || view.online.checked) return view;
    return {
      ...view,
      online: { ...view.online, note: `The license server is not used (${problem}); checked offline.` },
    };
  }

  private remember(view: LicenseViewWire | null): void {
    this.last = view;
    this.emit();
  }

  private emit(): void {
    this.ctx.events.emit('license:state', this.snapshot());
  }

  private async revalidate(): Promise<{ keyStored: boolean; serverConfigured: boolean; failed: boolean }> {
    const status = await this.status();
    const view = status.view;
    if (view?.online.failed)
      this.ctx.note(
        'warn',
        'license',
        `license ${view.license?.id ?? ''} not revalidated: ${view.online.note}`,
      );
    return {
      keyStored: status.stored,
      serverConfigured: status.server.configured,
      failed: Boolean(view?.online.failed),
    };
  }

  private context(): LicenseContext {
    const env = this.ctx.env;
    const dir = configDir(env, this.ctx.workspace.home);
    let publicKeyPem: string;
    try {
      publicKeyPem = loadPublicKeyPem(undefined, env, this.opts.build);
    } catch (err) {
      throw new IpcFailure('unavailable', `License keys cannot be checked: ${(err as Error).message}`);
    }
    return {
      configDir: dir,
      publicKeyPem,
      server: this.resolveServer().config,
      secrets: secretStoreFor(dir, env),
      ...(this.opts.now ? { now: this.opts.now } : {}),
      ...(this.opts.fingerprint ? { fingerprint: this.opts.fingerprint } : {}),
    };
  }

  /** A misconfigured server is reported, not thrown: checks then run offline and say why. */
  private resolveServer(): {
    config: ServerConfig | null;
    source: ServerWire['source'];
    problem: string | null;
  } {
    const fromSettings = this.ctx.workspace.settings.licenseServer;
    const source = serverSource(this.ctx.env, fromSettings);
    try {
      return { config: resolveServerConfig(this.ctx.env, fromSettings), source, problem: null };
    } catch (err) {
      return { config: null, source, problem: (err as Error).message };
    }
  }

  private serverFingerprint(): string {
    const env = this.ctx.env;
    return JSON.stringify([
      env.CODITECT_LICENSE_SERVER,
      env.CODITECT_LICENSE_SERVER_KEY,
      this.ctx.workspace.settings.licenseServer,
    ]);
  }
}
