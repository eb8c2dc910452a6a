import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
}

/**
 * How long the event loop was kept from running while `work` went on: the figure that says
 * whether the window (IPC, log tail) stayed responsive during an import.
 */
export async function measureEventLoopDelay<T>(
  work: () => Promise<T>,
  resolutionMs = 10,
): Promise<{ result: T; delay: EventLoopDelay }> {
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  try {
    const result = await work();
    h.disable();
    return { result, delay: toDelay(h, resolutionMs) };
  } finally {
    h.disable();
  }
}

/** The histogram holds whole timer intervals; the delay is what exceeds the resolution. */
function toDelay(h: ReturnType<typeof monitorEventLoopDelay>, resolutionMs: number): EventLoopDelay {
  const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - resolutionMs) * 100) / 100);
  return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), samples: h.count };
}
