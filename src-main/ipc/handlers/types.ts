import type { Channel, ParsedRequestOf, ResponseOf } from '../contract';
import type { ServiceContext } from '../context';
import type { GitService } from '../git-service';
import type { LicenseHost } from '../license-host';
import type { PipelineController } from '../pipeline-controller';
import type { RootGuard } from '../root-guard';
import type { SyncHost } from '../sync-host';
import type { UpdateHost } from '../update-host';

/** A channel's implementation: gets the validated request, returns the reply (or throws IpcFailure). */
export type Impl<C extends Channel> = (req: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
export type Impls<K extends Channel> = { [C in K]: Impl<C> };

export interface HandlerDeps {
  ctx: ServiceContext;
  pipeline: PipelineController;
  git: GitService | null;
  updates: UpdateHost;
  license: LicenseHost;
  /** Which folders may become a projects root (remembers the native dialog's choices). */
  roots: RootGuard;
  /** The memory repository's sync (sync:run, sync:status, "sync automatically"). */
  sync: SyncHost;
}
