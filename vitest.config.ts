import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Fixtures are copied into other projects (test/fixtures/consumer/parity.test.ts runs in an installed consumer).
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // Generous: child processes, worker threads and whole CLI runs must not fail on a loaded CI machine; no test
    // asserts a duration (rates are measured by `npm run bench`).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Temporary files of the whole run go under one directory, removed at its end.
    globalSetup: ['test/global-tmpdir.ts'],
  },
});

export default config;
