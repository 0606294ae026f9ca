// Size of @org/atlas-ai-keys as applications ship it: the built ES module bundled with everything
// it imports (openapi-fetch, @org/atlas-types), tree-shaken to what an application imports,
// minified, then gzipped. size-limit would do this, but its current major needs Node 22; this is
// the same measurement. Each kind of credentials is its own import, so an application carries
// only the one it uses; authFromEnv picks one at run time, so it carries all three. The whole
// client is measured: both resource groups (keys and rate limits) and every method.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * What applications import. `budgetBytes` is each line's budget (gzipped): past it, CI fails.
 * `authFromEnv` picks a kind at run time, so it carries all three; it and the Atlas CLI profile
 * reader are reported, and held to `limitBytes` (a little above today's figure) so that they do
 * not grow unnoticed. The package README says where the bytes go.
 */
const SCENARIOS = [
  { name: 'client + accessTokenAuth', imports: ['accessTokenAuth'], budgetBytes: 12_000 },
  { name: 'client + serviceAccountAuth', imports: ['serviceAccountAuth'], budgetBytes: 13_000 },
  { name: 'client + digestAuth', imports: ['digestAuth'], budgetBytes: 13_500 },
  { name: 'client + authFromEnv (all three)', imports: ['authFromEnv'], limitBytes: 16_100 },
  {
    // note: the Atlas CLI profile reader is a subpath of its own; the keyring binding is loaded
    // at run time only, so it is not in the bundle.
    name: 'client + authFromAtlasCli (subpath)',
    entry: 'atlas-cli',
    imports: ['authFromAtlasCli'],
    limitBytes: 23_750,
  },
];

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Bundles and minifies what `imports` needs, as an application bundler would; returns both sizes in bytes. */
async function measure(imports, entry) {
  const names = ['createAtlasAiKeysClient', ...imports].join(', ');
  const contents = entry
    ? `export { createAtlasAiKeysClient } from './dist/index.js'; export { ${imports.join(', ')} } from './dist/${entry}.js';`
    : `export { ${names} } from './dist/index.js';`;
  const result = await build({
    stdin: { contents, resolveDir: packageDir },
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

const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

/** How a size stands against its budget, or its limit, and the bytes it must not pass. */
function verdict({ budgetBytes, limitBytes }, gzipped) {
  if (budgetBytes === undefined)
    return { said: `reported; limit ${limitBytes} B`, max: limitBytes };
  const said =
    gzipped <= budgetBytes
      ? `within the ${budgetBytes} B budget (${budgetBytes - gzipped} B to spare)`
      : `OVER the ${budgetBytes} B budget by ${gzipped - budgetBytes} B`;
  return { said, max: budgetBytes };
}

console.log('@org/atlas-ai-keys bundled with its dependencies, minified and gzipped:');
for (const scenario of SCENARIOS) {
  const { minified, gzipped } = await measure(scenario.imports, scenario.entry);
  const { said, max } = verdict(scenario, gzipped);
  console.log(
    `  ${scenario.name.padEnd(36)} ${kB(minified)} minified, ${kB(gzipped)} (${gzipped} B) gzipped; ${said}`,
  );
  if (gzipped > max) {
    console.error(
      `  ${scenario.name}: ${gzipped} B is ${gzipped - max} B past the ${max} B allowed.`,
    );
    process.exitCode = 1;
  }
}
