// The rolling log's public surface; everything else in this folder is an implementation detail.
export { formatLogLine, parseLogLine, LOG_LEVELS } from './log-line';
export type { LogEvent, LogFields, LogFieldValue, LogLevel, ParsedLogLine } from './log-line';
export { DEFAULT_LOG_MAX_LINES, LOG_MAX_LINES_ENV, resolveLogCap } from './log-cap';
export { RollingLogFile } from './rolling-log-file';
export type { RollingLogFileOptions } from './rolling-log-file';
export { Logger } from './logger';
export type { LoggerOptions } from './logger';
export { tailLines, followLog } from './tail';
export type { FollowOptions } from './tail';
export { openLog } from './open-log';
export type { OpenLogOptions } from './open-log';
export { redactForLog, redactFields, isSecretFieldName } from './redact';
