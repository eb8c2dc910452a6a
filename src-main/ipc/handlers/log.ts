import { parseLogLine, type ParsedLogLine } from '../../core/log/log-line';
import { tailLines } from '../../core/log/tail';
import type { HandlerDeps, Impls } from './types';

export function logHandlers({ ctx }: HandlerDeps): Impls<'log:tail' | 'log:reveal'> {
  return {
    'log:tail': ({ lines }) => {
      const file = ctx.workspace.layout.logFile;
      return { file, lines: tailLines(file, lines).map(toLogLine) };
    },
    'log:reveal': async () => {
      const file = ctx.workspace.layout.logFile;
      return { file, opened: await ctx.shell.reveal(file) };
    },
  };
}

/**
 * A line the strict parser rejects (written by hand, or by an older version) is still shown,
 * as an INFO line holding the raw text, rather than silently hidden from the viewer.
 */
export function toLogLine(raw: string): ParsedLogLine {
  return parseLogLine(raw) ?? { time: '', level: 'INFO', step: '-', message: raw, fields: {}, raw };
}
