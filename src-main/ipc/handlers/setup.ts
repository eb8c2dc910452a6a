import path from 'node:path';
import { removeSetup } from '../../core/setup/remove-setup';
import { planSetup, runSetupStep } from '../../core/setup/run-setup';
import { setupContext } from '../../core/setup/setup-context';
import { isDir } from '../../core/setup/paths';
import { configDir } from '../../core/settings/settings';
import type { MemoryChoice } from '../../core/setup/memory-choice';
import { IpcFailure } from '../errors';
import { canonical, within } from '../path-guard';
import type { HandlerDeps, Impls } from './types';

type Deps = Pick<HandlerDeps, 'ctx' | 'pipeline' | 'roots'>;
type SetupArgs = { root: string; memory?: MemoryChoice; moveMemory?: boolean };

/** The renderer may name an existing repository only inside the (already confined) projects root. */
function confineChoice(choice: MemoryChoice | undefined, root: string): MemoryChoice | undefined {
  if (choice?.mode !== 'existing') return choice;
  const repo = canonical(path.resolve(root, choice.repo));
  if (!path.isAbsolute(choice.repo) || !within(repo, root) || repo === root)
    throw new IpcFailure('forbidden-path', `memory.repo: must be a repository inside ${root}`, 'memory.repo');
  return { mode: 'existing', repo };
}

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
  const contextFor = (req: SetupArgs) => {
    const root = roots.confine(req.root, 'root', ctx.workspace);
    return setupContext(root, ctx.env, undefined, {
      memory: confineChoice(req.memory, root),
      moveMemory: req.moveMemory,
    });
  };
  const notWhileRunning = () => {
    if (pipeline.running) throw new IpcFailure('busy', 'an import is running; set-up waits until it ends');
  };
  return {
    'setup:plan': async (req) => {
      const sc = contextFor(req);
      return { ...(await planSetup(sc)), exists: isDir(sc.root), memoryFound: sc.memoryFound };
    },
    'setup:runStep': ({ step, ...req }) => {
      notWhileRunning();
      const sc = contextFor(req);
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
