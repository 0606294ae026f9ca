import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The package's own global setup, from source, exactly as other workspaces use the build.
    globalSetup: ['./src/global-setup.ts'],
  },
});
