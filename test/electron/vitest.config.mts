import { defineConfig } from 'vitest/config';

/**
 * The desktop suite has its own runner (the main config excludes test/electron): run it with
 * `npx vitest run --config test/electron/vitest.config.mts`. Without an Electron runtime its
 * tests are reported as skipped, with the reason printed.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/electron/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
