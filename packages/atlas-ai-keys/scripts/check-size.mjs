// Size of @org/atlas-ai-keys as applications ship it: the built ES module bundled with everything
// it imports (openapi-fetch, @org/atlas-types), tree-shaken to what an application imports,
// minified, then gzipped. size-limit would do this, but its current major needs Node 22; this is
// the same measurement. Each kind of credentials is its own import, so an application carries
// only the one it uses; authFromEnv picks one at run time, so it carries all three. The whole
// client is measured: both resource groups (keys and rate limits) and every method.
//
// Dynamic imports are split into chunks of their own, as application bundlers split them. The
// budgets and limits cover what loads at start-up: the entry chunk and the chunks it imports
// statically, each gzipped on its own. `client.api` loads openapi-fetch with a dynamic import on
// its first request; what that adds is printed on every line, and the check fails if openapi-fetch
// is ever part of the start-up load, or missing from what `client.api` loads.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * What applications import. `budgetBytes` is a line's budget (gzipped, at start-up);
 * `authFromEnv` picks a kind at run time, so it carries all three, and it and the Atlas CLI
 * profile reader are reported without one. `limitBytes` is today's start-up figure plus a little
 * room, never past the budget: CI fails past it, so any growth is a deliberate change of this
 * file. The package README says where the bytes go.
 */
const SCENARIOS = [
  {
    name: 'client + accessTokenAuth',
    imports: ['accessTokenAuth'],
    budgetBytes: 12_000,
    limitBytes: 11_350,
  },
  {
    name: 'client + serviceAccountAuth',
    imports: ['serviceAccountAuth'],
    budgetBytes: 13_000,
    limitBytes: 12_990,
  },
  { name: 'client + digestAuth', imports: ['digestAuth'], budgetBytes: 13_500, limitBytes: 13_500 },
  { name: 'client + authFromEnv (all three)', imports: ['authFromEnv'], limitBytes: 15_260 },
  {
    // note: the Atlas CLI profile reader is a subpath of its own; the keyring binding is loaded
    // at run time only, so it is not in the bundle.
    name: 'client + authFromAtlasCli (subpath)',
    entry: 'atlas-cli',
    imports: ['authFromAtlasCli'],
    limitBytes: 22_730,
  },
];

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Where openapi-fetch's own files are, as esbuild names a bundle's inputs. */
const OPENAPI_FETCH = /(^|\/)node_modules\/openapi-fetch\//;

/**
 * Bundles and minifies what `imports` needs, as an application bundler would, dynamic imports
 * split into chunks of their own. Returns the start-up load (the entry chunk and the chunks it
 * imports statically) and what its dynamic imports load later, each as minified and gzipped
 * bytes (every chunk gzipped on its own, as it is served), with the inputs each holds.
 */
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
    splitting: true,
    // note: outdir and the metafile's paths are relative to this, wherever the script is run from.
    absWorkingDir: packageDir,
    outdir: 'size',
    write: false,
    metafile: true,
    // note: the built chunks import one another bare to keep their order; with `sideEffects:
    // false` esbuild rightly drops such imports, and says so.
    logOverride: { 'ignored-bare-import': 'silent' },
    logLevel: 'warning',
  });
  const { outputs } = result.metafile;
  const files = new Map(
    result.outputFiles.map((file) => [relative(packageDir, file.path), file.contents]),
  );
  const entryChunk = Object.keys(outputs).find((path) => outputs[path].entryPoint === '<stdin>');
  const startUp = reachable([entryChunk], outputs, 'import-statement');
  const dynamic = [...startUp].flatMap((path) =>
    outputs[path].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
  );
  const lazy = [...reachable(dynamic, outputs, 'import-statement')].filter((p) => !startUp.has(p));
  const load = (paths) => ({
    minified: sum(paths.map((path) => files.get(path).byteLength)),
    gzipped: sum(paths.map((path) => gzipSync(files.get(path)).byteLength)),
    inputs: paths.flatMap((path) => Object.keys(outputs[path].inputs)),
  });
  return { startUp: load([...startUp]), lazy: load(lazy) };
}

/** The chunks `from` reaches through imports of `kind`, `from` included; externals left out. */
function reachable(from, outputs, kind) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || !outputs[path]) return;
    seen.add(path);
    for (const next of outputs[path].imports) if (next.kind === kind) visit(next.path);
  };
  from.forEach(visit);
  return seen;
}

const sum = (numbers) => numbers.reduce((total, n) => total + n, 0);
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

console.log(
  '@org/atlas-ai-keys bundled with its dependencies, minified and gzipped; a budget and a limit' +
    ' cover what loads at start-up, and client.api adds openapi-fetch when first used:',
);
for (const scenario of SCENARIOS) {
  const { name, limitBytes } = scenario;
  const { startUp, lazy } = await measure(scenario.imports, scenario.entry);
  const said = verdict(scenario, startUp.gzipped);
  console.log(
    `  ${name.padEnd(36)} ${kB(startUp.minified)} minified, ${kB(startUp.gzipped)} (${startUp.gzipped} B) gzipped at start-up; ${said}`,
  );
  console.log(
    `  ${''.padEnd(36)} client.api adds ${kB(lazy.gzipped)} (${lazy.gzipped} B) gzipped, ${kB(lazy.minified)} minified, when first used`,
  );
  if (startUp.gzipped > limitBytes) {
    console.error(
      `  ${name}: ${startUp.gzipped} B is ${startUp.gzipped - limitBytes} B past its ${limitBytes} B limit.`,
    );
    process.exitCode = 1;
  }
  // note: a static import of openapi-fetch anywhere on the start-up path would quietly undo the
  // lazy load; it fails here, whatever the figures.
  if (startUp.inputs.some((input) => OPENAPI_FETCH.test(input))) {
    console.error(
      `  ${name}: openapi-fetch is loaded at start-up; client.api must import it lazily.`,
    );
    process.exitCode = 1;
  }
  if (!lazy.inputs.some((input) => OPENAPI_FETCH.test(input))) {
    console.error(`  ${name}: openapi-fetch is not in what client.api loads on first use.`);
    process.exitCode = 1;
  }
}
