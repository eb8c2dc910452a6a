/**
 * When the app asks the license server again about the stored key. Only when a server is
 * configured and a key is stored: at start, then every 24 hours. A check the server could not
 * answer (offline, timeout, refused answer) keeps the offline verdict and is retried sooner,
 * 15 minutes after the first failure, doubling up to the 24 hours. Pure: the schedule is
 * decided here, the timer lives in the main process service (host/license-monitor).
 */
export const REVALIDATE_EVERY_MS = 24 * 3600_000;
export const FIRST_RETRY_MS = 15 * 60_000;

export interface RevalidationInput {
  serverConfigured: boolean;
  keyStored: boolean;
  /** Checks in a row the server did not answer; 0 after an answer. */
  failures: number;
}

/** Milliseconds until the next check, or null: nothing to revalidate. */
export function nextRevalidationMs(input: RevalidationInput): number | null {
  if (!input.serverConfigured || !input.keyStored) return null;
  if (input.failures <= 0) return REVALIDATE_EVERY_MS;
  return Math.min(REVALIDATE_EVERY_MS, FIRST_RETRY_MS * 2 ** (input.failures - 1));
}

/** The failure count after a check: reset by an answer, raised by an unanswered one. */
export function failuresAfter(previous: number, check: { failed?: boolean } | null): number {
  return check?.failed ? previous + 1 : 0;
}
