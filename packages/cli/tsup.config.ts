import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bin.ts'],
  format: ['esm'],
  clean: true,
  target: 'node20',
  // note: each command is a dynamic import, so splitting puts it in its own chunk and
  // `atlas-ai-keys --help` loads the parser and the program's outline only.
  splitting: true,
});
