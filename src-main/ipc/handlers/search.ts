import { parseSearchQuery } from '../../core/memory/fts-query';
import { searchMessages } from '../../core/memory/search-queries';
import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

export function searchHandlers({ ctx }: HandlerDeps): Impls<'search:query'> {
  return {
    'search:query': ({ query, limit, ...filters }) => {
      // A query that cannot mean anything says why (shown under the search box), index or not.
      const parsed = parseSearchQuery(query);
      if (parsed.kind === 'invalid') throw new IpcFailure('validation', parsed.problem, 'query');
      return ctx.store.read(
        (store) => searchMessages(store, query, limit, filters),
        () => [],
      );
    },
  };
}
