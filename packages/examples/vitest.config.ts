import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One mock per project and run, started by the package's global setups as users wire them.
    projects: [
      {
        extends: true,
        test: {
          name: 'stateful',
          include: ['test/*.test.ts', 'test/stateful/**/*.test.ts'],
          globalSetup: ['@org/atlas-mock/global-setup'],
        },
      },
      {
        extends: true,
        test: {
          name: 'static',
          include: ['test/static/**/*.test.ts'],
          globalSetup: ['@org/atlas-mock/global-setup/static'],
        },
      },
    ],
  },
});
