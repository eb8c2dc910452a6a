import type { UpdateController } from '../core/update/controller';
import { disabledUpdateController } from '../core/update/controller';
import { AutoImporter } from '../host/auto-import';
import { ServiceContext, type ServiceOptions } from './context';
import type { EventHub } from './event-hub';
import { createDispatch, type Dispatch } from './dispatch';
import { ExportWatcher } from '../host/export-watcher';
import { SettleWatch } from '../host/settle-watch';
import { DEFAULT_SETTLE_MS } from '../core/discovery/discover';
import { coreGitService } from '../host/git-service';
import { createHandlers, type Handlers } from './handlers';
import { LicenseHost } from '../host/license-host';
import { startLogFeed } from '../host/log-feed';
import { PipelineController } from '../host/pipeline-controller';
import { RootGuard } from './root-guard';
import { SyncHost } from '../host/sync-host';
import { UpdateHost } from '../host/update-host';

export type { ServiceOptions, HostShell } from './context';

/** Everything a host (Electron or the preview) needs: one set of handlers, one event stream. */
export interface IpcService {
  readonly ctx: ServiceContext;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly pipeline: PipelineController;
  readonly license: LicenseHost;
  /** Hands the service the host's update controller (Electron: once the window is open). */
  attachUpdates(controller: UpdateController): void;
  /** Resolves once the file watchers are watching (tests wait for it before writing files). */
  watching(): Promise<void>;
  /** Stops watchers and the log feed, stops a running worker, closes the index. */
  close(): Promise<void>;
}

export function createIpcService(options: ServiceOptions): IpcService {
  const ctx = new ServiceContext(options);
  const pipeline = new PipelineController(ctx);
  const git = options.git === undefined ? coreGitService() : options.git;
  const updates = new UpdateHost(ctx);
  const initialUpdates =
    options.updates ??
    (options.host === 'preview'
      ? disabledUpdateController('preview', options.version, ctx.workspace.settings.updateChannel)
      : null);
  if (initialUpdates) updates.attach(initialUpdates);
  const license = new LicenseHost(ctx, { revalidate: options.watch ?? true, ...options.license });
  const sync = new SyncHost(ctx, pipeline);
  const handlers = createHandlers({
    ctx,
    pipeline,
    git,
    updates,
    license,
    roots: new RootGuard(typeof ctx.shell.chooseFolder === 'function'),
    sync,
  });
  const stops: (() => void | Promise<void>)[] = [];
  const settling = new SettleWatch(options.settleMs ?? DEFAULT_SETTLE_MS, (file) =>
    ctx.events.emit('exports:changed', { path: file, change: 'settled' }),
  );
  const watcher = new ExportWatcher((c) => {
    ctx.events.emit('exports:changed', { path: c.path, change: c.change });
    settling.track(c.path);
    if (c.kind === 'export') auto.notify(c.path);
  });
  const auto = new AutoImporter(ctx, pipeline, options.autoImportDelayMs ?? 2000);
  if (options.watch ?? true) {
    watcher.start(ctx.workspace);
    stops.push(
      ctx.onReload((ws) => watcher.start(ws)),
      startLogFeed(ctx),
      () => watcher.stop(),
      () => settling.stop(),
      () => auto.stop(),
    );
  }
  license.start();
  return {
    ctx,
    handlers,
    dispatch: createDispatch(handlers),
    events: ctx.events,
    pipeline,
    license,
    attachUpdates: (controller) => updates.attach(controller),
    watching: () => watcher.ready,
    async close() {
      for (const stop of stops.reverse()) await stop();
      updates.close();
      license.close();
      await pipeline.stop();
      await sync.settle();
      ctx.close();
    },
  };
}
