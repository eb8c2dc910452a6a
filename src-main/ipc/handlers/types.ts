import type { Channel, ParsedRequestOf, ResponseOf } from '../contract';
import type { ServiceContext } from '../context';
import type { GitService } from '../../host/git-service';
import type { LicenseHost } from '../../host/license-host';
import type { PipelineController } from '../../host/pipeline-controller';
import type { RootGuard } from '../root-guard';
import type { SyncHost } from '../../host/sync-host';
import type { UpdateHost } from '../../host/update-host';

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
