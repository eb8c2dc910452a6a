import type { HandlerDeps, Impls } from './types';

export function updateHandlers({
  updates,
}: HandlerDeps): Impls<'update:status' | 'update:check' | 'update:install'> {
  return {
    'update:status': () => updates.status(),
    'update:check': () => updates.check(),
    'update:install': () => updates.install(),
  };
}
