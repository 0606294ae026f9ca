import { defineConfig } from 'tsup';

export default defineConfig({
  // note: `defaults` holds the constants a command line's help needs without loading the client;
  // `atlas-cli` reads the Atlas CLI's profiles (a TOML parser, a lazily loaded keyring binding).
  entry: {
    index: 'src/index.ts',
    defaults: 'src/defaults.ts',
    'atlas-cli': 'src/atlas-cli/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // note: shared code goes into chunks in both formats, so an error class is one class whichever
  // entries an application loads, and `instanceof` holds across them.
  splitting: true,
  // Keep `node:crypto` as written: bundlers and Deno/Bun/edge runtimes recognise the prefix as a
  // builtin, whereas a bare `crypto` looks like an npm package to them.
  removeNodeProtocol: false,
});
