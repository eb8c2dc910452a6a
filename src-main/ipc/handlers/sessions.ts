import { listSessions, sessionThread } from '../../core/memory/session-queries';
import type { MemoryStore } from '../../core/memory/store';
import { IpcFailure } from '../errors';
import type { HandlerDeps, Impls } from './types';

export function sessionHandlers({ ctx }: HandlerDeps): Impls<'sessions:list' | 'sessions:thread'> {
  return {
    'sessions:list': (req) =>
      ctx.store.read(
        (store) => listSessions(store, { project: req?.project, author: req?.author, machine: req?.machine }),
        () => [],
      ),
    'sessions:thread': ({ sessionId, offset, limit }) =>
      ctx.store.read(
        (store) => {
          if (!sessionExists(store, sessionId)) throw missing(sessionId);
          return sessionThread(store, sessionId, offset, limit);
        },
        () => {
          throw missing(sessionId);
        },
      ),
  };
}

function sessionExists(store: MemoryStore, sessionId: string): boolean {
  return (
    store.db.prepare('SELECT 1 FROM occurrences WHERE session_id = ? LIMIT 1').get(sessionId) !== undefined
  );
}

function missing(sessionId: string): IpcFailure {
  return new IpcFailure('not-found', `no session ${sessionId}`, 'sessionId');
}
