import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

/** The fragment the types are generated from; it ships as `@org/atlas-types/openapi.yaml`. */
const fragment = fileURLToPath(new URL('../../spec/atlas-ai-model-api-keys.yaml', import.meta.url));

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  onSuccess: () => copyFile(fragment, 'dist/openapi.yaml'),
});
