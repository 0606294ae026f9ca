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
 * What applications import. `budgetBytes` is a line's budget (gzipped); `authFromEnv` picks a
 * kind at run time, so it carries all three, and it and the Atlas CLI profile reader are reported
 * without one. `limitBytes` is today's figure plus a little room: CI fails past it, so a line over
 * its budget can only shrink, and any growth is a deliberate change of this file. The package
 * README says where the bytes go.
 */
const SCENARIOS = [
  {
    name: 'client + accessTokenAuth',
    imports: ['accessTokenAuth'],
    budgetBytes: 12_000,
    limitBytes: 13_500,
  },
  {
    name: 'client + serviceAccountAuth',
    imports: ['serviceAccountAuth'],
    budgetBytes: 13_000,
    limitBytes: 15_150,
  },
  { name: 'client + digestAuth', imports: ['digestAuth'], budgetBytes: 13_500, limitBytes: 15_700 },
  { name: 'client + authFromEnv (all three)', imports: ['authFromEnv'], limitBytes: 17_400 },
  {
    // note: the Atlas CLI profile reader is a subpath of its own; the keyring binding is loaded
    // at run time only, so it is not in the bundle.
    name: 'client + authFromAtlasCli (subpath)',
    entry: 'atlas-cli',
    imports: ['authFromAtlasCli'],
    limitBytes: 25_000,
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

/** How a size stands against its budget, if it has one, and against its limit. */
function verdict({ budgetBytes, limitBytes }, gzipped) {
  const limit = `limit ${limitBytes} B`;
  if (budgetBytes === undefined) return `reported; ${limit}`;
  if (gzipped <= budgetBytes) {
    return `within the ${budgetBytes} B budget (${budgetBytes - gzipped} B to spare); ${limit}`;
  }
  return `OVER the ${budgetBytes} B budget by ${gzipped - budgetBytes} B; ${limit}`;
}

console.log('@org/atlas-ai-keys bundled with its dependencies, minified and gzipped:');
for (const scenario of SCENARIOS) {
  const { minified, gzipped } = await measure(scenario.imports, scenario.entry);
  const said = verdict(scenario, gzipped);
  console.log(
    `  ${scenario.name.padEnd(36)} ${kB(minified)} minified, ${kB(gzipped)} (${gzipped} B) gzipped; ${said}`,
  );
  if (gzipped > scenario.limitBytes) {
    const { name, limitBytes } = scenario;
    console.error(
      `  ${name}: ${gzipped} B is ${gzipped - limitBytes} B past its ${limitBytes} B limit.`,
    );
    process.exitCode = 1;
  }
}
