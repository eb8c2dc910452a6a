import type { Logger } from '../log/logger';

/** What the git code needs of the rolling log (a Logger, or a test's recorder). */
export type GitLog = Pick<Logger, 'info' | 'warn' | 'error'>;

/** Every git action is logged under this step, as a success or a failure. */
export const GIT_STEP = 'git';

export const silentLog: GitLog = { info: () => {}, warn: () => {}, error: () => {} };
