import type { HandlerDeps, Impls } from './types';

export function pipelineHandlers({ pipeline }: HandlerDeps): Impls<'pipeline:start' | 'pipeline:status'> {
  return {
    'pipeline:start': (req) => ({ runId: pipeline.start(req) }),
    'pipeline:status': () => pipeline.status(),
  };
}
