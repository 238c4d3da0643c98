import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Generous: child processes, worker threads and whole CLI runs must not fail on a loaded CI machine; no test
    // asserts a duration (rates are measured by `npm run bench`).
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});

export default config;
