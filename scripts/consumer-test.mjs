// Consumer test: installs the packed tarballs of the published packages into a fresh npm project
// outside the workspace and uses them the way a user would, on every runtime of the matrix
// (scripts/runtimes.mjs). Workspace links, the root tsconfig and hoisted devDependencies are all
// out of reach there, so what passes here is what works after `npm install` of the packages.
//
//   node scripts/consumer-test.mjs                     every runtime
//   node scripts/consumer-test.mjs --runtime node24    only these (repeatable)
//   node scripts/consumer-test.mjs --list-runtimes     the runtimes' names, as one JSON array
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRuntime } from './consumer/on-runtime.mjs';
import { check, npmInstall, run } from './consumer/process.mjs';
import {
  LIFECYCLE_CJS,
  LIFECYCLE_ESM,
  MOCK_USAGE,
  TSC_COMMON,
  TYPECHECKS,
  USAGE_CJS,
  USAGE_ESM,
} from './consumer/sources.mjs';
import { checkTarball, inspectTarball, PUBLISHED, pack } from './consumer/tarballs.mjs';
import { installRuntime, RUNTIMES, selectRuntimes } from './runtimes.mjs';

const TYPESCRIPT = 'typescript@5.9.3';
/** The mock README's opening test, which must be this file, byte for byte. */
const README_TEST = new URL('./consumer/rotate-key.test.mjs', import.meta.url);
const MOCK_README = new URL('../packages/atlas-mock/README.md', import.meta.url);
/** How many runtimes are checked at once: two, as CI's machines and ours have two cores. */
const CONCURRENCY = 2;

/** The runtimes the arguments select, or only their list; exits 2 on a bad argument. */
function parseCommandLine(args) {
  try {
    const { values } = parseArgs({
      args,
      options: {
        'list-runtimes': { type: 'boolean', default: false },
        runtime: { type: 'string', multiple: true, default: [] },
      },
    });
    return { list: values['list-runtimes'], runtimes: selectRuntimes(values.runtime) };
  } catch (error) {
    console.error(`consumer test: ${error.message}`);
    console.error('usage: consumer-test.mjs [--runtime <name>]... | --list-runtimes');
    process.exit(2);
  }
}

/**
 * Runs `work` on every item, at most `limit` at a time, in the order of the list; once all have
 * finished, throws the first failure.
 */
async function eachAtMost(limit, items, work) {
  const queue = [...items];
  const failures = [];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item).catch((error) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

/** The mock README must open with the test this run executes. */
async function checkReadmeTest() {
  const [readme, test] = await Promise.all([
    readFile(MOCK_README, 'utf8'),
    readFile(README_TEST, 'utf8'),
  ]);
  const first = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  check(
    first === test,
    'the first code block of packages/atlas-mock/README.md is not scripts/consumer/rotate-key.test.mjs',
  );
}

/** Packs the packages and installs them, with TypeScript, into a fresh npm project in `work`. */
async function install(work, step) {
  const tarballs = join(work, 'tarballs');
  await mkdir(tarballs);
  const packed = [];
  for (const directory of Object.keys(PUBLISHED)) packed.push(await pack(directory, tarballs));
  const versions = Object.fromEntries(packed.map((p) => [p.name, p.version]));
  for (const each of packed) {
    const contents = await inspectTarball(each.tarball);
    const dependency = checkTarball(each, contents, versions);
    step(
      `packed ${each.name}@${each.version} (${contents.files.length} files)` +
        (dependency ? `; dependency ${dependency}` : ''),
    );
  }

  const app = join(work, 'app');
  await mkdir(app);
  const manifest = { name: 'atlas-consumer', version: '0.0.0', private: true, type: 'module' };
  await writeFile(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await npmInstall(app, [...packed.map((p) => p.tarball), TYPESCRIPT]);
  const installed = JSON.parse(
    await readFile(join(app, 'node_modules/openapi-fetch/package.json'), 'utf8'),
  );
  step(
    `npm installed the ${packed.length} tarballs, openapi-fetch@${installed.version} and ${TYPESCRIPT}`,
  );

  const files = {
    'lifecycle.mjs': LIFECYCLE_ESM,
    'lifecycle.cjs': LIFECYCLE_CJS,
    'usage.ts': USAGE_ESM,
    'usage.cts': USAGE_CJS,
    'mock-usage.ts': MOCK_USAGE,
  };
  for (const [file, source] of Object.entries(files)) await writeFile(join(app, file), source);
  await copyFile(README_TEST, join(app, 'rotate-key.test.mjs'));
  return { app, versions };
}

/** Type-checks the usage files as users' projects would, with the installed TypeScript. */
async function typecheck(app, step) {
  const tsc = join(app, 'node_modules/typescript/bin/tsc');
  await Promise.all(
    TYPECHECKS.map(async ({ label, args }) => {
      await run(process.execPath, [tsc, ...TSC_COMMON, ...args], { cwd: app });
      step(`${label}: no errors`);
    }),
  );
}

const options = parseCommandLine(process.argv.slice(2));
if (options.list) {
  console.log(JSON.stringify(RUNTIMES.map((runtime) => runtime.name)));
  process.exit(0);
}
const { runtimes } = options;
const started = performance.now();
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
const step = (text) => console.log(`[${seconds(started)}s] ${text}`);
const work = await mkdtemp(join(tmpdir(), 'atlas-consumer-'));
let cleaned;
/** Removes the temporary directory; runs once, whatever the outcome. */
function cleanup() {
  cleaned ??= rm(work, { recursive: true, force: true });
  return cleaned;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    cleanup().finally(() => process.exit(code));
  });
}

try {
  console.log(
    `Runtimes: ${runtimes.map((runtime) => runtime.name).join(', ')}; working in ${work}`,
  );
  await checkReadmeTest();
  const [executables, { app, versions }] = await Promise.all([
    Promise.all(runtimes.map(installRuntime)),
    install(work, step),
  ]);
  step(`runtimes ready: ${runtimes.map((runtime) => runtime.name).join(', ')}`);
  await typecheck(app, step);

  const timings = [];
  await eachAtMost(CONCURRENCY, runtimes, async (runtime) => {
    const since = performance.now();
    const executable = executables[runtimes.indexOf(runtime)];
    const version = await checkRuntime(runtime, executable, app, {
      step: (text) => step(`${runtime.name} ${text}`),
      versions,
      readmeTest: 'rotate-key.test.mjs',
    });
    timings.push({ runtime, version, seconds: seconds(since) });
  });
  timings.sort((a, b) => runtimes.indexOf(a.runtime) - runtimes.indexOf(b.runtime));
  for (const { runtime, version, seconds: time } of timings) {
    console.log(`  ${runtime.name.padEnd(7)} ${version.padEnd(13)} ${time} s`);
  }
  step('consumer test passed');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
