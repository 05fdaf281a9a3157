import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests (`*.test.ts` beside the code). Browser tests live in e2e/ and
 * run under Playwright. Tests that touch the database get their own copy of a migrated
 * template (see lib/testing/), so files run in parallel without seeing each other's rows.
 */

// The embedded PostgreSQL started by the global setup logs through pino: keep tests quiet.
process.env.LOG_LEVEL ??= 'warn';

export default defineConfig({
  // `@/…` is the repository root, as in tsconfig.json.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', 'e2e/**', '.data/**'],
    globalSetup: ['lib/testing/global-setup.ts'],
    // Most test files wait on PostgreSQL rather than compute: one worker per core, and at
    // least two even on a two-core machine (Vitest's default there would be one).
    maxWorkers: Math.max(2, os.availableParallelism()),
    env: { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL },
    // Creating a database from the template takes tens of milliseconds, more on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 60_000,
  },
});
