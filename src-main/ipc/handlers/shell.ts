import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

export function shellHandlers({ ctx }: HandlerDeps): Impls<'fs:reveal' | 'shell:openExternal'> {
  return {
    'fs:reveal': async ({ path }) => {
      const real = ctx.guard.confineExisting(path, 'path');
      return { opened: await ctx.shell.reveal(real), path: real };
    },
    'shell:openExternal': async ({ url }) => {
      // The schema allows https only; checked again here because this opens a program.
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' || parsed.username || parsed.password)
        throw new IpcFailure('validation', 'url: only plain https links open', 'url');
      return { opened: await ctx.shell.openExternal(parsed.toString()) };
    },
  };
}
