/**
 * Throughput of the rolling log at its cap against plain appends of the same lines.
 *
 * plain:  fs.appendFileSync of each formatted line, one call per line, no lock, no cap.
 * capped: a Logger on a file already holding `cap` lines, so every batch rewrites the file
 *         (lock, read, temp write, fsync, rename); includes formatting, redaction and the
 *         final flush. The ratio says what the cap guarantees cost (target: at least 0.3).
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { formatLogLine, LogEvent } from '../../src-main/core/log/log-line';
import { Logger } from '../../src-main/core/log/logger';
import { RollingLogFile } from '../../src-main/core/log/rolling-log-file';

export interface LogBenchResult {
  plainAppendLinesPerSec: number;
  cappedLinesPerSec: number;
  ratio: number;
}

export async function benchLog(opts: { dir: string; lines: number; cap: number }): Promise<LogBenchResult> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const events = Array.from({ length: opts.lines }, (_, i) => sampleEvent(i));
  const plainAppendLinesPerSec = benchPlain(path.join(opts.dir, 'plain.log'), events);
  const cappedLinesPerSec = benchCapped(path.join(opts.dir, 'capped.log'), events, opts.cap);
  return { plainAppendLinesPerSec, cappedLinesPerSec, ratio: cappedLinesPerSec / plainAppendLinesPerSec };
}

function sampleEvent(i: number): LogEvent {
  return {
    time: new Date(),
    level: i % 10 === 0 ? 'WARN' : 'INFO',
    step: 'pipeline.dedup',
    message: `message ${i} imported`,
    fields: {
      file: `/home/user/PROJECTS/repo-${i % 17}/export-${i}.txt`,
      messages: i % 250,
      dup: i % 3 === 0,
    },
  };
}

function benchPlain(file: string, events: LogEvent[]): number {
  fs.rmSync(file, { force: true });
  const lines = events.map((e) => formatLogLine(e) + '\n');
  const t0 = performance.now();
  for (const line of lines) fs.appendFileSync(file, line);
  return perSecond(lines.length, t0);
}

function benchCapped(file: string, events: LogEvent[], cap: number): number {
  const prefill = Array.from({ length: cap }, (_, i) => formatLogLine(sampleEvent(i)));
  fs.writeFileSync(file, prefill.join('\n') + '\n');
  const log = new Logger(new RollingLogFile(file, { maxLines: cap }));
  const t0 = performance.now();
  for (const e of events) log.log(e.level, e.step, e.message, e.fields);
  log.flush();
  const rate = perSecond(events.length, t0);
  log.close();
  return rate;
}

function perSecond(lines: number, t0: number): number {
  return lines / ((performance.now() - t0) / 1000);
}
