import { searchMessages } from '../../core/memory/queries';
import type { HandlerDeps, Impls } from './types';

export function searchHandlers({ ctx }: HandlerDeps): Impls<'search:query'> {
  return {
    'search:query': ({ query, limit, ...filters }) =>
      ctx.store.read(
        (store) => searchMessages(store, query, limit, filters),
        () => [],
      ),
  };
}
