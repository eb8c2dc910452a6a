import type { ResponseOf } from '../contract';
import { pendingFiles } from '../../host/pending-files';
import type { HandlerDeps, Impls } from './types';

export function exportHandlers({ ctx }: HandlerDeps): Impls<'exports:pending'> {
  // A burst of file notices makes the renderer ask again and again: one walk answers them all.
  let inflight: Promise<ResponseOf<'exports:pending'>> | null = null;
  return {
    'exports:pending': () => {
      inflight ??= pendingFiles(ctx).finally(() => (inflight = null));
      return inflight;
    },
  };
}
