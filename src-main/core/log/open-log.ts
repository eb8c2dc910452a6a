/**
 * The one way the app and the CLI open the log, so both resolve the cap the same way
 * (setting `logMaxLines`, overridden by CODITECT_LOG_MAX_LINES).
 */
import { resolveLogCap } from './log-cap';
import { Logger, LoggerOptions } from './logger';
import { RollingLogFile } from './rolling-log-file';

export interface OpenLogOptions extends LoggerOptions {
  /** The `logMaxLines` setting, if the user set one. */
  maxLines?: number;
  env?: NodeJS.ProcessEnv;
}

export function openLog(path: string, opts: OpenLogOptions = {}): Logger {
  const { maxLines, env, ...loggerOpts } = opts;
  const file = new RollingLogFile(path, { maxLines: resolveLogCap(maxLines, env) });
  return new Logger(file, loggerOpts);
}
