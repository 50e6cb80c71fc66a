import { defineConfig } from 'vitest/config';
import { budget } from './test/support/budget.js';

// Two projects: pure unit tests (fast, parallel) and integration tests that
// talk to a real database (PGlite and, when TEST_DATABASE_URL is set, PostgreSQL).
export default defineConfig({
  test: {
    projects: [
      {
        // Waits scale with the machine's load when the run starts (test/support/budget.ts).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: budget(10_000) },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Every file fails when a transaction held the database past the liveness bound.
          setupFiles: ['test/integration/support/hold-watchdog-setup.ts'],
          environment: 'node',
          testTimeout: budget(60_000),
          hookTimeout: budget(120_000),
          // PGlite runs on the main thread; a few forks keep 2 cores busy without thrashing.
          pool: 'forks',
          maxWorkers: 2,
          // Vitest 4 needs projects with different worker limits to run as separate groups.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
