import { listSessions, sessionExists, sessionThread } from '../../core/memory/session-queries';
import { notFound, type IpcFailure } from '../errors';
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

function missing(sessionId: string): IpcFailure {
  return notFound('sessionId', `no session ${sessionId}`);
}
