import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One static Prism mock (the spec's examples) per run, for the tests that spawn the built command.
    globalSetup: ['@org/atlas-mock/global-setup/static'],
    // note: a guard against a hung child, not a speed check; a spawned run takes about a second.
    testTimeout: 30_000,
  },
});
