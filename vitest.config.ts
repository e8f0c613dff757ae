import { defineConfig } from 'vitest/config';

const integration = ['test/integration/**/*.int.test.ts'];

/**
 * Four projects: unit (pure functions and web components), the integration suite twice — on PGlite and on
 * a real PostgreSQL 15 the harness starts — and the browser tests in Debian's Chromium.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts'],
          environment: 'node',
          // Above vitest's 5 s / 10 s: a PGlite in memory (pgboss-db.test.ts) or a component test can take longer on
          // a loaded 2-core machine; the hook of the former once timed out at 10 s in a CI run.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          env: { HELHED_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-pglite.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: integration,
          env: { HELHED_TEST_DB: 'postgres' },
          globalSetup: ['test/support/global-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-web.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
