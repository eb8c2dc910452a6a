import path from 'node:path';
import type { PipelineEvent } from '../core/pipeline/events';
import type { Output } from './output';

/**
 * Pipeline progress for people: on a terminal one bar redrawn in place (on stderr, so
 * stdout stays clean for pipes); elsewhere plain lines, one per step and file.
 */
export function progressPrinter(o: Output, quiet: boolean): (e: PipelineEvent) => void {
  if (quiet) return () => {};
  return o.isTTY ? ttyPrinter() : plainPrinter(o);
}

function plainPrinter(o: Output): (e: PipelineEvent) => void {
  return (e) => {
    const line = describe(e);
    if (line) o.err(line);
  };
}

function describe(e: PipelineEvent): string | null {
  switch (e.type) {
    case 'step-started':
      return `${e.step}: started`;
    case 'step-succeeded':
      return `${e.step}: ${e.summary} (${e.durationMs} ms)`;
    case 'step-failed':
      return `${e.step}: FAILED: ${e.error}`;
    case 'step-skipped':
      return `${e.step}: skipped (${e.reason})`;
    case 'waiting-for-writes':
      return `discover: waiting up to ${e.maxMs / 1000} s for ${e.paths.length} export(s) still being written: ${e.paths.map((p) => path.basename(p)).join(', ')}`;
    case 'file-done': {
      const r = e.result;
      const what =
        r.status === 'imported'
          ? `${r.counts.read} read, ${r.counts.newUnique} new`
          : r.status === 'failed'
            ? `FAILED: ${r.reason}`
            : r.status;
      return `  [${e.index + 1}/${e.total}] ${r.path}: ${what}`;
    }
    default:
      return null;
  }
}

function ttyPrinter(): (e: PipelineEvent) => void {
  const width = 28;
  const clear = '\r\x1b[2K';
  return (e) => {
    if (e.type === 'file-started') {
      const done = Math.round((e.index / Math.max(1, e.total)) * width);
      const bar = '█'.repeat(done) + '░'.repeat(width - done);
      process.stderr.write(
        `${clear}import ${bar} ${e.index + 1}/${e.total} ${path.basename(e.path).slice(0, 40)}`,
      );
      return;
    }
    if (e.type === 'file-done') {
      if (e.result.status === 'failed')
        process.stderr.write(`${clear}  ${e.result.path}: FAILED: ${e.result.reason}\n`);
      return;
    }
    const line = describe(e);
    if (line) process.stderr.write(`${clear}${line}\n`);
  };
}
