/**
 * Every step of the workflow leaves the same three kinds of lines: `started`, then
 * `succeeded duration_ms=…` or `failed error=… duration_ms=…`. One helper makes that
 * uniform, so the log viewer and support can read any step the same way.
 */
import { performance } from 'perf_hooks';
import type { LogFields } from './log-line';
import type { Logger } from './logger';

export async function loggedStep<T>(
  log: Logger,
  step: string,
  fn: () => Promise<T> | T,
  fields?: LogFields,
): Promise<T> {
  log.info(step, 'started', fields);
  const t0 = performance.now();
  try {
    const result = await fn();
    log.info(step, 'succeeded', { ...fields, duration_ms: elapsedMs(t0) });
    return result;
  } catch (err) {
    log.error(step, 'failed', { ...fields, ...describeError(err), duration_ms: elapsedMs(t0) });
    // The stack is long and mostly noise for users; keep it for DEBUG sessions only.
    if (err instanceof Error && err.stack) log.debug(step, 'failed stack', { stack: err.stack });
    throw err;
  }
}

export function elapsedMs(t0: number): number {
  return Math.round(performance.now() - t0);
}

export function describeError(err: unknown): LogFields {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: err.message || err.name, error_type: err.name, error_code: code };
  }
  return { error: String(err) };
}
