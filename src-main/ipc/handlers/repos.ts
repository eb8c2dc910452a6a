import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

export function repoHandlers({
  ctx,
  git,
  pipeline,
}: HandlerDeps): Impls<'repos:list' | 'repos:commit' | 'repos:commitPreview'> {
  return {
    'repos:list': () => {
      if (!git) throw unavailable('listing repositories');
      return git.list(ctx.workspace.root);
    },
    'repos:commit': (req) => {
      if (!git?.commit) throw unavailable('committing checkpoints');
      if (pipeline.running) throw new IpcFailure('busy', 'a run is going; it commits its own checkpoint');
      const ws = ctx.workspace;
      return git.commit({ root: ws.root, memoryDir: ws.layout.root, ...req, log: ctx.logger });
    },
    'repos:commitPreview': () => {
      if (!git?.preview) throw unavailable('previewing the commit');
      return git.preview({ root: ctx.workspace.root, memoryDir: ctx.workspace.layout.root });
    },
  };
}

function unavailable(what: string): IpcFailure {
  return new IpcFailure('unavailable', `${what} is not available here`);
}
