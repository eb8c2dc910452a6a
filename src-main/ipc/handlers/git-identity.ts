import path from 'node:path';
import { readGitIdentity, setGitIdentity } from '../../core/git/identity';
import { notFound } from '../errors';
import type { HandlerDeps, Impls } from './types';

/**
 * The author of checkpoint commits, for the memory repository (the folder that holds
 * MEMORY-CONTEXT). Written repo-local by default: set-up touches that repository only, and
 * a global identity would change the author of every commit in every repository of the user.
 * `scope: 'global'` is there for users who ask for it in the wizard.
 */
export function identityHandlers({
  ctx,
}: Pick<HandlerDeps, 'ctx'>): Impls<'git:identity' | 'git:setIdentity'> {
  const repo = () => path.dirname(ctx.workspace.layout.root);
  return {
    'git:identity': () => readGitIdentity(repo(), ctx.env),
    'git:setIdentity': async ({ name, email, scope }) => {
      const current = await readGitIdentity(repo(), ctx.env);
      if (scope === 'local' && !current.isRepo)
        throw notFound('scope', `scope: ${current.repo} is not a git repository yet; install CODITECT first`);
      const next = await setGitIdentity(repo(), { name, email }, scope, ctx.env);
      ctx.note('info', 'git', `commit identity set (${scope}) for ${next.repo}`);
      return next;
    },
  };
}
