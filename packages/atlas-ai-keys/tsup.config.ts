import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Keep `node:crypto` as written: bundlers and Deno/Bun/edge runtimes recognise the prefix as a
  // builtin, whereas a bare `crypto` looks like an npm package to them.
  removeNodeProtocol: false,
});
