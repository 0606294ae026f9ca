import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One static Prism mock (the spec's examples) per run, for the tests in test/integration.
    globalSetup: ['@org/atlas-mock/global-setup/static'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
