// Size budget of @org/atlas-ai-keys as an application would ship it: dist/index.js bundled with
// everything it imports (openapi-fetch, @org/atlas-types), minified, then gzipped.
// size-limit would do this, but its current major needs Node 22; this is the same measurement.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Budget in bytes, minified and gzipped: today's size plus a little room, so growth is a
 * deliberate choice. The goal is 10 kB; see the package README for where the bytes go.
 */
const LIMIT_BYTES = 13.5 * 1024;

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Bundles and minifies `entry` as an application bundler would; returns both sizes in bytes. */
async function measure() {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // Runtime builtins (node:crypto for Digest) are never bundled, so they are the only externals.
    external: ['node:*'],
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  return { minified: output.contents.byteLength, gzipped: gzipSync(output.contents).byteLength };
}

const { minified, gzipped } = await measure();
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
console.log(
  `@org/atlas-ai-keys bundled with its dependencies: ${kB(minified)} minified, ` +
    `${kB(gzipped)} (${gzipped} bytes) minified + gzipped; limit ${kB(LIMIT_BYTES)}`,
);
if (gzipped > LIMIT_BYTES) {
  console.error(`Size limit exceeded by ${gzipped - LIMIT_BYTES} bytes.`);
  process.exitCode = 1;
}
