import { CHANNELS, channels, type Channel, type IpcResult, type ResponseOf } from './contract';
import { fail, IpcFailure, ok } from './errors';
import { appHandlers } from './handlers/app';
import { checkpointHandlers } from './handlers/checkpoints';
import { dashboardHandlers } from './handlers/dashboard';
import { exportHandlers } from './handlers/exports';
import { identityHandlers } from './handlers/git-identity';
import { launcherHandlers } from './handlers/launcher';
import { reportHandlers } from './handlers/report';
import { licenseHandlers } from './handlers/license';
import { logHandlers } from './handlers/log';
import { onboardingHandlers } from './handlers/onboarding';
import { pipelineHandlers } from './handlers/pipeline';
import { repoHandlers } from './handlers/repos';
import { searchHandlers } from './handlers/search';
import { sessionHandlers } from './handlers/sessions';
import { setupHandlers } from './handlers/setup';
import { syncHandlers } from './handlers/sync';
import { shellHandlers } from './handlers/shell';
import { updateHandlers } from './handlers/update';
import type { HandlerDeps, Impl, Impls } from './handlers/types';
import { parseRequest } from './validate';

export type Handler<C extends Channel> = (rawRequest: unknown) => Promise<IpcResult<ResponseOf<C>>>;
export type Handlers = { [C in Channel]: Handler<C> };

/**
 * One function per contract channel, shared by both hosts. Each validates the request with
 * the channel's schema, runs the implementation, checks the reply against the contract, and
 * never throws: expected failures become their IpcError, anything else `internal` (logged).
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const impls: Impls<Channel> = {
    ...appHandlers(deps),
    ...dashboardHandlers(deps),
    ...exportHandlers(deps),
    ...pipelineHandlers(deps),
    ...checkpointHandlers(deps),
    ...sessionHandlers(deps),
    ...searchHandlers(deps),
    ...logHandlers(deps),
    ...repoHandlers(deps),
    ...shellHandlers(deps),
    ...updateHandlers(deps),
    ...onboardingHandlers(deps),
    ...setupHandlers(deps),
    ...licenseHandlers(deps),
    ...identityHandlers(deps),
    ...launcherHandlers(deps),
    ...syncHandlers(deps),
    ...reportHandlers(deps),
  };
  const out: Partial<Record<Channel, Handler<Channel>>> = {};
  for (const channel of CHANNELS)
    out[channel] = (raw) => handle(channel, impls[channel] as Impl<Channel>, raw, deps);
  return out as Handlers;
}

async function handle(
  channel: Channel,
  impl: Impl<Channel>,
  raw: unknown,
  { ctx }: HandlerDeps,
): Promise<IpcResult<ResponseOf<Channel>>> {
  try {
    const request = parseRequest(channels[channel].request, raw);
    const reply = channels[channel].response.safeParse(await impl(request as never));
    if (reply.success) return ok(reply.data as ResponseOf<Channel>);
    ctx.logError('ipc', `${channel}: the reply does not match the contract`, reply.error);
    return fail('internal', `${channel} produced an invalid reply; the log has the details`);
  } catch (err) {
    if (err instanceof IpcFailure) return { ok: false, error: err.toError() };
    ctx.logError('ipc', `${channel} failed`, err);
    return fail('internal', `${channel} failed unexpectedly; the log has the details`);
  }
}
