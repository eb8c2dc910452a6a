/**
 * The in-process face of the rolling log. Calls are cheap and never throw: events are
 * redacted and formatted at once (so the mirror, e.g. the live viewer, sees them at once),
 * then buffered and written in one locked batch on the next turn of the event loop, or as
 * soon as `maxBatchLines` pile up. Batching is what keeps the log fast at the cap, where each
 * write rewrites the file: one rewrite per batch instead of one per line.
 *
 * What a crash can lose is the current batch (at most one event-loop turn of events); a
 * normal exit, even `process.exit()`, flushes through the exit hook below.
 */
import { formatLogLine, LogEvent, LogFields, LogLevel, LOG_LEVELS } from './log-line';
import { redactFields, redactForLog } from './redact';
import type { RollingLogFile } from './rolling-log-file';

export interface LoggerOptions {
  /** Events below this level are dropped. Default INFO: DEBUG noise would push out history. */
  minLevel?: LogLevel;
  /** Sees every written event (already redacted), e.g. for the console or the live viewer. */
  mirror?: (line: string, e: LogEvent) => void;
  /** Flush synchronously once this many lines are buffered. */
  maxBatchLines?: number;
  /** Called when a background flush fails; the lines stay buffered for the next try. */
  onError?: (err: unknown) => void;
  now?: () => Date;
}

const DEFAULT_MAX_BATCH_LINES = 1000;
// If the log cannot be written for a long time, keep only so much in memory.
const MAX_PENDING_BATCHES = 20;

export class Logger {
  private readonly minRank: number;
  private readonly maxBatch: number;
  private buffer: string[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    readonly file: RollingLogFile,
    private readonly opts: LoggerOptions = {},
  ) {
    this.minRank = LOG_LEVELS.indexOf(opts.minLevel ?? 'INFO');
    this.maxBatch = Math.max(1, opts.maxBatchLines ?? DEFAULT_MAX_BATCH_LINES);
    openLoggers.add(this);
    installExitHook();
  }

  debug(step: string, message: string, fields?: LogFields): void {
    this.log('DEBUG', step, message, fields);
  }
  info(step: string, message: string, fields?: LogFields): void {
    this.log('INFO', step, message, fields);
  }
  warn(step: string, message: string, fields?: LogFields): void {
    this.log('WARN', step, message, fields);
  }
  error(step: string, message: string, fields?: LogFields): void {
    this.log('ERROR', step, message, fields);
  }

  isEnabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= this.minRank;
  }

  log(level: LogLevel, step: string, message: string, fields?: LogFields): void {
    if (!this.isEnabled(level)) return;
    const e: LogEvent = {
      time: this.opts.now?.() ?? new Date(),
      level,
      step,
      message: redactForLog(String(message)),
      fields: redactFields(fields),
    };
    const line = formatLogLine(e);
    this.mirror(line, e);
    this.buffer.push(line);
    if (this.closed || this.buffer.length >= this.maxBatch) this.flushQuietly();
    else this.schedule();
  }

  /** Writes everything buffered, synchronously; throws if the file cannot be written. */
  flush(): void {
    this.cancelSchedule();
    if (this.buffer.length === 0) return;
    const lines = this.buffer;
    this.buffer = [];
    try {
      this.file.appendLines(lines);
    } catch (err) {
      this.buffer = lines.concat(this.buffer).slice(-this.maxBatch * MAX_PENDING_BATCHES);
      throw err;
    }
  }

  flushSync(): void {
    this.flush();
  }

  /** Flushes and stops batching; events logged afterwards are written straight away. */
  close(): void {
    this.closed = true;
    openLoggers.delete(this);
    this.flush();
  }

  /** @internal used by the exit hook */
  flushQuietly(): void {
    try {
      this.flush();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private mirror(line: string, e: LogEvent): void {
    try {
      this.opts.mirror?.(line, e);
    } catch {
      // A broken viewer must not break logging.
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flushQuietly();
    });
  }

  private cancelSchedule(): void {
    if (!this.scheduled) return;
    clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }
}

// One process-wide hook instead of one listener per Logger (tests create many).
const openLoggers = new Set<Logger>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const logger of openLoggers) logger.flushQuietly();
  });
}
