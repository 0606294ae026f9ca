import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One Prism mock of the spec per run, for the tests that spawn the built command.
    globalSetup: ['@org/atlas-mock/global-setup'],
  },
});
