import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // note: most tests run the built command in a child process, which loads the parsers (and
    // often lints and generates): seconds each on two busy cores, far past the 5 s default. Some
    // run it in a beforeAll, whose default limit (10 s) a busy machine passes too.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
