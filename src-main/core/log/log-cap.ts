/**
 * How many lines the rolling log keeps. The setting (`logMaxLines`) is the user's choice; the
 * environment variable wins so that support can raise the cap for one run without touching
 * settings, and the CLI and the app agree because both resolve the cap the same way.
 */

export const DEFAULT_LOG_MAX_LINES = 5000;
const LOG_MAX_LINES_ENV = 'CODITECT_LOG_MAX_LINES';

export function resolveLogCap(setting?: number, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = parsePositiveInt(env[LOG_MAX_LINES_ENV]);
  if (fromEnv !== undefined) return fromEnv;
  if (setting !== undefined && Number.isSafeInteger(setting) && setting > 0) return setting;
  return DEFAULT_LOG_MAX_LINES;
}

/** Only plain decimal digits count: "5e3", "12abc" or "-1" are typos, not caps. */
function parsePositiveInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
