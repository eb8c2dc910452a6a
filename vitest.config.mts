import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser (e2e) suites run here too: they drive /usr/bin/chromium (.ci/run installs it)
    // and fail loudly without it. The desktop (electron) suites need the Electron runtime.
    exclude: ['**/node_modules/**', 'test/electron/**'],
    // Forks, not threads: better-sqlite3 is native and some tests spawn processes / chdir.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print one plain 'N passed, N failed, N skipped' line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
