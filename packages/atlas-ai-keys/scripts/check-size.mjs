// Size of @org/atlas-ai-keys as applications ship it: the built ES module bundled with everything
// it imports (openapi-fetch, @org/atlas-types), tree-shaken to what an application imports,
// minified, then gzipped. size-limit would do this, but its current major needs Node 22; this is
// the same measurement. Each kind of credentials is its own import, so an application carries
// only the one it uses; authFromEnv picks one at run time, so it carries all three.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * What applications import. `goalBytes` is the budget set for each (gzipped); `authFromEnv` picks
 * a kind at run time, so it carries all three and is reported, not budgeted. `limitBytes` is
 * today's size plus a little room: CI fails past it, so growth is a deliberate choice while a
 * line is over its goal. The package README says where the bytes go.
 */
const SCENARIOS = [
  {
    name: 'client + accessTokenAuth',
    imports: ['accessTokenAuth'],
    goalBytes: 10 * 1024,
    limitBytes: 11_950,
  },
  {
    name: 'client + serviceAccountAuth',
    imports: ['serviceAccountAuth'],
    goalBytes: 11 * 1024,
    limitBytes: 13_450,
  },
  {
    name: 'client + digestAuth',
    imports: ['digestAuth'],
    goalBytes: 11.5 * 1024,
    limitBytes: 13_800,
  },
  { name: 'client + authFromEnv (all three)', imports: ['authFromEnv'], limitBytes: 15_750 },
  {
    // note: the Atlas CLI profile reader is a subpath of its own; the keyring binding is loaded
    // at run time only, so it is not in the bundle.
    name: 'client + authFromAtlasCli (subpath)',
    entry: 'atlas-cli',
    imports: ['authFromAtlasCli'],
    limitBytes: 23_400,
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
console.log('@org/atlas-ai-keys bundled with its dependencies, minified and gzipped:');
for (const { name, imports, entry, goalBytes, limitBytes } of SCENARIOS) {
  const { minified, gzipped } = await measure(imports, entry);
  const versusGoal =
    goalBytes === undefined
      ? 'no goal'
      : gzipped <= goalBytes
        ? `within the ${kB(goalBytes)} goal`
        : `${gzipped - goalBytes} B over the ${kB(goalBytes)} goal`;
  console.log(
    `  ${name.padEnd(34)} ${kB(minified)} minified, ${kB(gzipped)} (${gzipped} B) gzipped; ` +
      `${versusGoal}; limit ${kB(limitBytes)}`,
  );
  if (gzipped > limitBytes) {
    console.error(`  ${name}: size limit exceeded by ${gzipped - limitBytes} bytes.`);
    process.exitCode = 1;
  }
}
