import {
  installLauncher,
  launcherStatus,
  removeLauncher,
  type LauncherTarget,
} from '../../core/launcher/install';
import type { ResponseOf } from '../contract';
import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

type Status = ResponseOf<'launcher:status'>;

/**
 * The `coditect` command on PATH. Only the desktop app installs it: the launcher runs the app's
 * own binary in Node mode, which the browser preview (a checkout run with Node) does not have;
 * there `npx coditect` already works. The preview still shows where the launcher would go.
 */
export const PREVIEW_LAUNCHER_REASON =
  'The coditect command is installed by the desktop app (Settings › Command line). In this browser preview, run npx coditect … from the checkout.';

export function launcherHandlers({
  ctx,
}: Pick<HandlerDeps, 'ctx'>): Impls<'launcher:status' | 'launcher:install' | 'launcher:remove'> {
  const cli = ctx.options.launcher ?? null;
  const target = (): LauncherTarget => ({
    platform: process.platform,
    home: ctx.workspace.home,
    env: ctx.env,
  });
  const status = (): Status => ({
    available: cli !== null,
    reason: cli ? null : PREVIEW_LAUNCHER_REASON,
    ...launcherStatus(target()),
  });
  const need = () => {
    if (!cli) throw new IpcFailure('unavailable', PREVIEW_LAUNCHER_REASON);
    return cli;
  };
  return {
    'launcher:status': () => status(),
    'launcher:install': () => {
      const r = attempt(() => installLauncher(target(), need()));
      ctx.note('info', 'launcher', `coditect launcher ${r.changed ? 'written to' : 'already at'} ${r.file}`);
      return { ...status(), changed: r.changed };
    },
    'launcher:remove': () => {
      const removed = attempt(() => removeLauncher(target()));
      if (removed) ctx.note('info', 'launcher', `coditect launcher removed`);
      return { ...status(), removed };
    },
  };
}

/** Someone else's `coditect` is never overwritten or deleted: the core refuses, and we say so. */
function attempt<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof IpcFailure) throw err;
    throw new IpcFailure('unavailable', (err as Error).message);
  }
}
