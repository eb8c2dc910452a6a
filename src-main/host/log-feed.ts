import { followLog } from '../core/log/tail';
import type { ServiceContext } from '../ipc/context';
import { toLogLine } from '../ipc/handlers/log';

/** How often the log file is polled: a new line reaches the viewer well within 250 ms. */
export const LOG_POLL_MS = 100;

/** Streams new log lines as `log:lines` events; follows the memory folder when settings move it. */
export function startLogFeed(ctx: ServiceContext): () => void {
  const follow = (file: string) =>
    followLog(file, (lines) => ctx.events.emit('log:lines', { lines: lines.map(toLogLine) }), {
      intervalMs: LOG_POLL_MS,
    });
  let stop = follow(ctx.workspace.layout.logFile);
  const off = ctx.onReload((ws) => {
    stop();
    stop = follow(ws.layout.logFile);
  });
  return () => {
    off();
    stop();
  };
}
