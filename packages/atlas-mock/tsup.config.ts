import { defineConfig } from 'tsup';

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/global-setup.ts',
    'src/global-setup-static.ts',
    'src/vitest.ts',
    'src/node-test.ts',
    'src/cli.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // note: `node:test` exists only under its prefix, which tsup would otherwise strip.
  removeNodeProtocol: false,
  // Resolved from the consuming workspace so tests share the vitest instance that runs them.
  external: [/^vitest(\/|$)/],
});
