import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The package's own static global setup, from source, as other workspaces use the build; the
    // stateful tests start their own mocks.
    globalSetup: ['./src/global-setup-static.ts'],
  },
});
