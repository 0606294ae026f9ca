// Consumer test: installs the packed tarballs of @org/atlas-types, @org/atlas-ai-keys and
// @org/atlas-ai-keys-cli into a fresh npm project outside the workspace and uses them the way a
// user would. Workspace links,
// the root tsconfig and hoisted devDependencies are all out of reach there, so what passes here
// is what works after `npm install` of the published packages.
//
//   node scripts/consumer-test.mjs                    every runtime in scripts/runtimes.mjs
//   node scripts/consumer-test.mjs --runtime node20   only that one (repeatable)
//   node scripts/consumer-test.mjs --list-runtimes    their names as a JSON array, nothing else
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { RUNTIMES, selectRuntimes } from './runtimes.mjs';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const TYPESCRIPT = 'typescript@5.9.3';

/** Runs a command, returning stdout; on failure the error carries the command's whole output. */
async function run(command, args, options = {}) {
  try {
    const { stdout } = await exec(command, args, { maxBuffer: 64 * 1024 * 1024, ...options });
    return stdout;
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(`${command} is not on PATH; run this as \`pnpm test:consumer\``);
    }
    const output = [error.stdout, error.stderr].filter(Boolean).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${error.code}):\n${output}`);
  }
}

/** Throws with `message` unless `condition` holds. */
function check(condition, message) {
  if (!condition) throw new Error(`consumer test: ${message}`);
}

/** Packs a workspace package with pnpm, which rewrites `workspace:` ranges as publishing does. */
async function pack(name, destination) {
  const dir = join(root, 'packages', name);
  const before = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir });
  const file = `${before.name.replace('@', '').replace('/', '-')}-${before.version}.tgz`;
  return { name: before.name, version: before.version, tarball: join(destination, file) };
}

/** The packed package.json and file list, read from the tarball itself. */
async function inspectTarball(tarball) {
  const manifest = JSON.parse(await run('tar', ['-xzOf', tarball, 'package/package.json']));
  const files = (await run('tar', ['-tzf', tarball])).trim().split('\n');
  return { manifest, files };
}

/** The workspace package each published one depends on by `workspace:^`, by name. */
const WORKSPACE_DEPENDENCY = {
  '@org/atlas-ai-keys': '@org/atlas-types',
  '@org/atlas-ai-keys-cli': '@org/atlas-ai-keys',
};

/** Checks what a tarball would publish: real semver ranges, its builds, no sources. */
function checkTarball({ manifest, files }, versions) {
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [dep, range] of Object.entries(ranges)) {
    check(!range.startsWith('workspace:'), `${manifest.name} packs ${dep}@${range}`);
  }
  const dependency = WORKSPACE_DEPENDENCY[manifest.name];
  if (dependency) {
    const range = manifest.dependencies[dependency];
    const wanted = `^${versions[dependency]}`;
    check(range === wanted, `${dependency} range is ${range}, not ${wanted}`);
  }
  const builds =
    manifest.name === '@org/atlas-ai-keys-cli'
      ? [manifest.bin?.['atlas-ai-keys']?.replace('./dist/', '')]
      : ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'];
  for (const file of builds) {
    check(files.includes(`package/dist/${file}`), `${manifest.name} tarball lacks dist/${file}`);
  }
  for (const file of ['package.json', 'README.md', 'LICENSE']) {
    check(files.includes(`package/${file}`), `${manifest.name} tarball lacks ${file}`);
  }
  const stray = files.filter((f) => /^package\/(src|test|scripts)\//.test(f));
  check(stray.length === 0, `${manifest.name} tarball ships ${stray.join(', ')}`);
}

const CALL = (load) => `${load}
const url = process.env.ATLAS_MOCK_URL;
const client = createAtlasAiKeysClient({ baseUrl: url, auth: accessTokenAuth({ accessToken: 'x' }) });
const params = { groupId: process.env.GROUP_ID, apiKeyId: process.env.API_KEY_ID };
const key = await client.getGroupAiModelApiKey(params);
if (key.apiKeyId !== params.apiKeyId) throw new Error('unexpected key ' + JSON.stringify(key));
const { data, response } = await client.getGroupAiModelApiKey(params).withResponse();
if (response.status !== 200 || data.apiKeyId !== params.apiKeyId) throw new Error('withResponse');
const created = await client.createGroupAiModelApiKey({ groupId: params.groupId, name: 'consumer' });
if (typeof created.secret !== 'string' || JSON.stringify(created).includes(created.secret)) throw new Error('secret');
let listed = 0;
for await (const each of client.listGroupAiModelApiKeys({ groupId: params.groupId })) listed += each.apiKeyId ? 1 : 0;
if (listed < 1) throw new Error('list');
if (typeof AtlasApiError !== 'function' || AI_MODEL_API_KEY_MEDIA_TYPE !== 'application/vnd.atlas.2025-03-12+json') {
  throw new Error('missing exports');
}
const typesRuntime = Object.keys(atlasTypes).sort().join();
const expectedRuntime = 'AI_MODEL_API_KEY_MEDIA_TYPE,API_VERSIONS,LATEST_API_VERSION,OPERATIONS,PARAMETERS,SECRET_FIELDS';
if (typesRuntime !== expectedRuntime) throw new Error('atlas-types exports ' + typesRuntime);
await client.close();
console.log(JSON.stringify({ format: FORMAT, VERSION, apiKeyId: key.apiKeyId }));
`;

const ESM = CALL(`import { createRequire } from 'node:module';
import { AtlasApiError, createAtlasAiKeysClient, VERSION } from '@org/atlas-ai-keys';
import * as atlasTypes from '@org/atlas-types';
// Credentials made by the CommonJS build must work with a client of the ES module build.
const { accessTokenAuth } = createRequire(import.meta.url)('@org/atlas-ai-keys');
const { AI_MODEL_API_KEY_MEDIA_TYPE } = atlasTypes;
const FORMAT = 'esm';`);

// Top-level await is not available in CommonJS, so the CJS call runs inside an async function.
const CJS = `const FORMAT = 'cjs';
const { AtlasApiError, accessTokenAuth, createAtlasAiKeysClient, VERSION } = require('@org/atlas-ai-keys');
const atlasTypes = require('@org/atlas-types');
const { AI_MODEL_API_KEY_MEDIA_TYPE } = atlasTypes;
(async () => {
${CALL('')}
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

// Type-level usage; the @ts-expect-error lines fail the check if the types resolve to `any`.
const USAGE = (load) => `${load}

async function main(): Promise<string> {
  const client: AtlasAiKeysClient = createAtlasAiKeysClient({
    baseUrl: 'http://127.0.0.1:4010',
    auth: authFromEnv(),
    apiVersion: '2025-03-12',
    timeoutMs: 5_000,
    maxRetries: 1,
    retry: { baseDelayMs: 100 },
    logLevel: 'debug',
  });
  createAtlasAiKeysClient({ auth: digestAuth({ publicKey: 'pub', privateKey: 'priv' }) });
  createAtlasAiKeysClient({ auth: serviceAccountAuth({ clientId: 'id', clientSecret: 's' }) });
  createAtlasAiKeysClient({ auth: accessTokenAuth({ accessToken: 'token' }) });
  // @ts-expect-error a plain object is not credentials
  createAtlasAiKeysClient({ auth: { type: 'digest', publicKey: 'pub', privateKey: 'priv' } });

  const params = { groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'key' };
  const key: AiModelApiKey = await client.getGroupAiModelApiKey(params, { timeoutMs: 1_000 });
  const { data, response } = await client.getGroupAiModelApiKey(params).withResponse();
  const status: number = response.status;
  // @ts-expect-error apiKeyId is a string
  const wrong: number = data.apiKeyId;

  const raw = await client.api.GET('/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}', {
    params: { path: params },
  });
  const maskedSecret: string | undefined = raw.data?.maskedSecret;

  try {
    await client.getGroupAiModelApiKey(params);
  } catch (error) {
    if (isAtlasErrorCode(error, 'RESOURCE_NOT_FOUND')) {
      const code: 'RESOURCE_NOT_FOUND' = error.errorCode;
      return code;
    }
    if (error instanceof AtlasRateLimitError) return String(error.retryAfterMs);
    if (error instanceof AtlasApiError) return String(error.status);
  }
  const mediaType: AiModelApiKeyMediaType = AI_MODEL_API_KEY_MEDIA_TYPE;
  const apiError: ApiError | undefined = undefined;
  await client.close();
  return [key.name, status, wrong, maskedSecret, mediaType, apiError, VERSION].join(' ');
}

void main();
`;

const USAGE_ESM = USAGE(`import {
  type AiModelApiKey,
  type AtlasAiKeysClient,
  AtlasApiError,
  AtlasRateLimitError,
  accessTokenAuth,
  authFromEnv,
  createAtlasAiKeysClient,
  digestAuth,
  isAtlasErrorCode,
  serviceAccountAuth,
  VERSION,
} from '@org/atlas-ai-keys';
import {
  AI_MODEL_API_KEY_MEDIA_TYPE,
  type AiModelApiKeyMediaType,
  type ApiError,
} from '@org/atlas-types';`);

// A .cts file compiles to require() under node16, so it checks the .d.cts declarations.
const USAGE_CJS = USAGE(`import atlas = require('@org/atlas-ai-keys');
import types = require('@org/atlas-types');
type AiModelApiKey = atlas.AiModelApiKey;
type AtlasAiKeysClient = atlas.AtlasAiKeysClient;
type AiModelApiKeyMediaType = types.AiModelApiKeyMediaType;
type ApiError = types.ApiError;
const { AtlasApiError, AtlasRateLimitError, authFromEnv, createAtlasAiKeysClient } = atlas;
const { accessTokenAuth, digestAuth, isAtlasErrorCode, serviceAccountAuth, VERSION } = atlas;
const { AI_MODEL_API_KEY_MEDIA_TYPE } = types;`);

// No skipLibCheck: the packages' declarations must compile for users who check libraries.
// skipDefaultLibCheck only skips TypeScript's own lib.*.d.ts, which saves seconds per run.
const TSC_COMMON = ['--strict', '--noEmit', '--target', 'es2022', '--skipDefaultLibCheck'];
const TYPECHECKS = [
  {
    label:
      'tsc --strict (module node16, moduleResolution node16): usage.ts (ESM) + usage.cts (CJS)',
    args: ['--module', 'node16', '--moduleResolution', 'node16', 'usage.ts', 'usage.cts'],
  },
  {
    label: 'tsc --strict (module esnext, moduleResolution bundler): usage.ts',
    args: ['--module', 'esnext', '--moduleResolution', 'bundler', 'usage.ts'],
  },
];

/** Runs the installed `atlas-ai-keys` as npm linked it: `--help`, then `list --json` via Prism. */
async function checkCli(app, mock) {
  const bin = join(app, 'node_modules/.bin/atlas-ai-keys');
  const help = await run(bin, ['--help'], { cwd: app });
  check(
    help.startsWith('Usage: atlas-ai-keys'),
    `atlas-ai-keys --help printed ${help.slice(0, 200)}`,
  );
  // Only what the command needs: the mock accepts any Bearer token.
  const env = {
    PATH: process.env.PATH,
    MONGODB_ATLAS_ACCESS_TOKEN: 'consumer-test-token',
    MONGODB_ATLAS_PROJECT_ID: seededGroupId,
  };
  const stdout = await run(bin, ['list', '--json', '--base-url', mock.url], { cwd: app, env });
  const keys = JSON.parse(stdout);
  check(Array.isArray(keys), `list --json printed ${stdout.slice(0, 200)}`);
  check(
    keys.some((key) => key.apiKeyId === seededApiKeyId),
    `list --json lacks the seeded key: ${stdout.slice(0, 200)}`,
  );
}

/** Packs, installs and exercises the packages on each of `runtimes`; throws on the first failure. */
async function main(work, mock, runtimes) {
  const started = performance.now();
  const step = (text) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${text}`);

  const tarballs = join(work, 'tarballs');
  await mkdir(tarballs);
  const types = await pack('atlas-types', tarballs);
  const keys = await pack('atlas-ai-keys', tarballs);
  const cli = await pack('cli', tarballs);
  const versions = Object.fromEntries([types, keys, cli].map((p) => [p.name, p.version]));
  for (const packed of [types, keys, cli]) {
    const contents = await inspectTarball(packed.tarball);
    checkTarball(contents, versions);
    const dependency = WORKSPACE_DEPENDENCY[packed.name];
    const range = dependency && contents.manifest.dependencies?.[dependency];
    step(
      `packed ${packed.name}@${packed.version} (${contents.files.length} files)` +
        (range ? `; dependency ${dependency}: "${range}"` : ''),
    );
  }

  const app = join(work, 'app');
  await mkdir(app);
  const appManifest = { name: 'atlas-consumer', version: '0.0.0', private: true, type: 'module' };
  await writeFile(join(app, 'package.json'), `${JSON.stringify(appManifest, null, 2)}\n`);
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-package-lock',
      '--prefer-offline',
      '--loglevel=error',
      types.tarball,
      keys.tarball,
      cli.tarball,
      TYPESCRIPT,
    ],
    { cwd: app },
  );
  const installed = JSON.parse(
    await readFile(join(app, 'node_modules/openapi-fetch/package.json'), 'utf8'),
  );
  step(`npm installed the three tarballs, openapi-fetch@${installed.version} and ${TYPESCRIPT}`);

  await checkCli(app, mock);
  step('atlas-ai-keys --help, and list --json via Prism: every key of the seeded project');

  await writeFile(join(app, 'esm.mjs'), ESM);
  await writeFile(join(app, 'cjs.cjs'), CJS);
  await writeFile(join(app, 'usage.ts'), USAGE_ESM);
  await writeFile(join(app, 'usage.cts'), USAGE_CJS);

  const env = {
    ...process.env,
    ATLAS_MOCK_URL: mock.url,
    GROUP_ID: seededGroupId,
    API_KEY_ID: seededApiKeyId,
  };
  for (const runtime of runtimes) {
    for (const file of ['esm.mjs', 'cjs.cjs']) {
      const out = JSON.parse((await run(runtime.executable(), [file], { cwd: app, env })).trim());
      check(out.apiKeyId === seededApiKeyId, `${runtime.name} ${file} got ${out.apiKeyId}`);
      check(out.VERSION === keys.version, `${file} VERSION ${out.VERSION} != ${keys.version}`);
      step(
        `${runtime.name} ${file}: ${out.format} getGroupAiModelApiKey via Prism → apiKeyId ${out.apiKeyId}`,
      );
    }
  }

  const tsc = join(app, 'node_modules/typescript/bin/tsc');
  await Promise.all(
    TYPECHECKS.map(async ({ label, args }) => {
      await run(process.execPath, [tsc, ...TSC_COMMON, ...args], { cwd: app });
      step(`${label}: no errors`);
    }),
  );
  step('consumer test passed');
}

/** The command line: which runtimes to run, or only to list them. Exits 2 on a bad argument. */
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

const options = parseCommandLine(process.argv.slice(2));
if (options.list) {
  console.log(JSON.stringify(RUNTIMES.map((runtime) => runtime.name)));
  process.exit(0);
}
// note: loaded only now, so listing the runtimes needs nothing built or installed.
const { seededApiKeyId, seededGroupId, startMock } = await import(
  '../packages/atlas-mock/dist/index.js'
);

const work = await mkdtemp(join(tmpdir(), 'atlas-consumer-'));
let mock;
let cleaned;
/** Stops the mock and removes the temporary directory; runs once, whatever the outcome. */
function cleanup() {
  cleaned ??= Promise.allSettled([mock?.close(), rm(work, { recursive: true, force: true })]);
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
  mock = await startMock();
  console.log(`Prism mock on ${mock.url}; working in ${work}`);
  await main(work, mock, options.runtimes);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
