import path from 'node:path';
import { configDir } from '../../core/settings/settings';
import { dismissOnboarding, firstRunState } from '../../core/setup/first-run';
import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

export function onboardingHandlers({
  ctx,
  roots,
}: Pick<HandlerDeps, 'ctx' | 'roots'>): Impls<
  'onboarding:status' | 'onboarding:dismiss' | 'dialog:chooseFolder'
> {
  const dir = () => configDir(ctx.env, ctx.workspace.home);
  return {
    'onboarding:status': () => {
      const ws = ctx.workspace;
      return {
        ...firstRunState(dir(), ws.settings, { found: ws.memoryFound, dir: ws.layout.root }),
        suggestedRoot: ws.root,
        home: ws.home,
        canChooseFolder: typeof ctx.shell.chooseFolder === 'function',
      };
    },
    'onboarding:dismiss': () => ({ dismissedAt: dismissOnboarding(dir()) }),
    // The folder the user picks is trusted as a projects root (root-guard): it was chosen in
    // the OS dialog, outside the renderer.
    'dialog:chooseFolder': async (req) => {
      const { title, defaultPath } = req ?? {};
      if (!ctx.shell.chooseFolder)
        throw new IpcFailure(
          'unavailable',
          'No folder dialog in the browser preview: type the folder path instead.',
        );
      const chosen = await ctx.shell.chooseFolder({
        title,
        defaultPath: defaultPath && path.isAbsolute(defaultPath) ? defaultPath : ctx.workspace.home,
      });
      if (chosen) roots.rememberChosen(chosen);
      return { path: chosen };
    },
  };
}
