import path from 'node:path';

/** The shared fixtures: `../shared/fixtures` beside the clone (as CI lays it out), or $CODITECT_FIXTURES. */
export const FIXTURES =
  process.env.CODITECT_FIXTURES || path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures');
