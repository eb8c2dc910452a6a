import type { UpdateController, UpdateStatus } from '../core/update/controller';
import type { ResponseOf } from '../ipc/contract';
import type { ServiceContext } from '../ipc/context';
import { IpcFailure } from '../ipc/errors';

export type UpdateWire = ResponseOf<'update:status'>;

/** The controller's status in the contract's shape: reason, progress and error only when they apply. */
export function toUpdateWire(s: UpdateStatus): UpdateWire {
  const base: UpdateWire = {
    state: s.state.kind,
    channel: s.channel,
    currentVersion: s.currentVersion,
    lastCheck: s.lastCheckedAt,
    nextCheck: s.nextCheckAt,
  };
  const st = s.state;
  switch (st.kind) {
    case 'available':
    case 'ready':
      return { ...base, version: st.version };
    case 'downloading':
      return {
        ...base,
        version: st.version,
        progress: {
          percent: st.percent,
          transferred: st.transferred,
          total: st.total,
          bytesPerSecond: st.bytesPerSecond,
        },
      };
    case 'error':
      return { ...base, error: st.message };
    case 'disabled':
      return { ...base, reason: { code: st.reason, message: st.message } };
    default:
      return base;
  }
}

/**
 * The service's end of the update channels. The host injects the controller: Electron's main
 * attaches the real one once the window is open (until then the status is idle and a check
 * answers `unavailable`); the preview attaches one that is permanently disabled. The channel
 * follows the settings, and every state change goes out as the `update:state` event.
 */
export class UpdateHost {
  private controller: UpdateController | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly stopReload: () => void;

  constructor(private readonly ctx: ServiceContext) {
    this.stopReload = ctx.onReload((ws) => this.controller?.setChannel(ws.settings.updateChannel));
  }

  attach(controller: UpdateController): void {
    this.detach();
    this.controller = controller;
    this.unsubscribe = controller.onState((s) => this.ctx.events.emit('update:state', toUpdateWire(s)));
    controller.setChannel(this.ctx.workspace.settings.updateChannel);
    this.ctx.events.emit('update:state', this.status());
  }

  status(): UpdateWire {
    if (this.controller) return toUpdateWire(this.controller.status());
    return {
      state: 'idle',
      channel: this.ctx.workspace.settings.updateChannel,
      currentVersion: this.ctx.options.version,
      lastCheck: null,
      nextCheck: null,
    };
  }

  async check(): Promise<UpdateWire> {
    if (!this.controller)
      throw new IpcFailure('unavailable', 'The updater is still starting; try again shortly.');
    return toUpdateWire(await this.controller.checkNow());
  }

  install(): { installing: boolean; status: UpdateWire } {
    const installing = this.controller?.install() ?? false;
    return { installing, status: this.status() };
  }

  close(): void {
    this.detach();
    this.stopReload();
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.controller?.stop();
    this.controller = null;
  }
}
