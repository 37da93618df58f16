import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tfjs's cpu backend is single-threaded JS: one worker per core is plenty.
    maxWorkers: 2,
  },
});
