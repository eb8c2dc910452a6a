import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser (e2e) and desktop (electron) suites need a browser / the Electron runtime and get
    // their own runners; they are not part of `npm test` yet.
    exclude: ['**/node_modules/**', 'test/e2e/**', 'test/electron/**'],
    // Forks, not threads: better-sqlite3 is native and some tests spawn processes / chdir.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print one plain 'N passed, N failed, N skipped' line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
