import { removeSetup } from '../../core/setup/remove-setup';
import { planSetup, runSetupStep } from '../../core/setup/run-setup';
import { setupContext } from '../../core/setup/setup-context';
import { isDir } from '../../core/setup/paths';
import { configDir } from '../../core/settings/settings';
import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

type Deps = Pick<HandlerDeps, 'ctx' | 'pipeline' | 'roots'>;

/**
 * The wizard's "Projects root" and "Install CODITECT" steps, and "Remove CODITECT set-up". The
 * root is confined on every call (root-guard); set-up never runs while an import writes into
 * the memory folder; after a change the workspace is resolved again (settings, memory folder).
 */
export function setupHandlers({
  ctx,
  pipeline,
  roots,
}: Deps): Impls<'setup:plan' | 'setup:runStep' | 'setup:remove'> {
  const contextFor = (root: string) => setupContext(roots.confine(root, 'root', ctx.workspace), ctx.env);
  const notWhileRunning = () => {
    if (pipeline.running) throw new IpcFailure('busy', 'an import is running; set-up waits until it ends');
  };
  return {
    'setup:plan': async ({ root }) => {
      const sc = contextFor(root);
      return { ...(await planSetup(sc)), exists: isDir(sc.root), memoryFound: sc.memoryFound };
    },
    'setup:runStep': ({ root, step }) => {
      notWhileRunning();
      const sc = contextFor(root);
      let report;
      try {
        report = runSetupStep(sc, step);
      } catch (err) {
        // Not logged: before set-up there is no log, and one would be created in the wrong root.
        throw new IpcFailure('internal', `${step}: ${(err as Error).message}`, 'step');
      }
      if (report.changes.length) ctx.reload();
      ctx.note('info', 'setup', `step ${step}: ${report.changes.length} change(s) in ${sc.root}`);
      return report;
    },
    'setup:remove': () => {
      notWhileRunning();
      let report;
      try {
        report = removeSetup(configDir(ctx.env, ctx.workspace.home));
      } catch (err) {
        throw new IpcFailure('internal', `nothing removed: ${(err as Error).message}`);
      }
      ctx.reload();
      ctx.note(
        'info',
        'setup',
        `set-up removed: ${report.removed.length} removed, ${report.kept.length} kept`,
      );
      return report;
    },
  };
}
