import type { HandlerDeps, Impls } from './types';

/** The Repositories view's Sync action and the status bar's indicator. */
export function syncHandlers({ sync }: HandlerDeps): Impls<'sync:status' | 'sync:run'> {
  return {
    'sync:status': () => sync.status(),
    'sync:run': (req) => sync.run(req?.push ?? true),
  };
}
