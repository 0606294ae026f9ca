// Consumer test: installs the packed tarballs of @org/atlas-types and @org/atlas-ai-keys into a
// fresh npm project outside the workspace and uses them the way a user would. Workspace links,
// the root tsconfig and hoisted devDependencies are all out of reach there, so what passes here
// is what works after `npm install` of the published packages.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seededApiKeyId, seededGroupId, startMock } from '../packages/atlas-mock/dist/index.js';

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

/** Checks what a tarball would publish: real semver ranges, both builds, no sources. */
function checkTarball({ manifest, files }, typesVersion) {
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [dep, range] of Object.entries(ranges)) {
    check(!range.startsWith('workspace:'), `${manifest.name} packs ${dep}@${range}`);
  }
  if (manifest.name === '@org/atlas-ai-keys') {
    const range = manifest.dependencies['@org/atlas-types'];
    check(range === `^${typesVersion}`, `@org/atlas-types range is ${range}, not ^${typesVersion}`);
  }
  for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
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
if (typeof AtlasApiError !== 'function' || AI_MODEL_API_KEY_MEDIA_TYPE !== 'application/vnd.atlas.preview+json') {
  throw new Error('missing exports');
}
const typesRuntime = Object.keys(atlasTypes).join();
if (typesRuntime !== 'AI_MODEL_API_KEY_MEDIA_TYPE') throw new Error('atlas-types exports ' + typesRuntime);
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

/** Packs, installs and exercises both packages; throws on the first failure. */
async function main(work, mock) {
  const started = performance.now();
  const step = (text) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${text}`);

  const tarballs = join(work, 'tarballs');
  await mkdir(tarballs);
  const types = await pack('atlas-types', tarballs);
  const keys = await pack('atlas-ai-keys', tarballs);
  for (const packed of [types, keys]) {
    const contents = await inspectTarball(packed.tarball);
    checkTarball(contents, types.version);
    const range = contents.manifest.dependencies?.['@org/atlas-types'];
    step(
      `packed ${packed.name}@${packed.version} (${contents.files.length} files)` +
        (range ? `; dependency @org/atlas-types: "${range}"` : ''),
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
      TYPESCRIPT,
    ],
    { cwd: app },
  );
  const installed = JSON.parse(
    await readFile(join(app, 'node_modules/openapi-fetch/package.json'), 'utf8'),
  );
  step(`npm installed both tarballs, openapi-fetch@${installed.version} and ${TYPESCRIPT}`);

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
  for (const file of ['esm.mjs', 'cjs.cjs']) {
    const out = JSON.parse((await run(process.execPath, [file], { cwd: app, env })).trim());
    check(out.apiKeyId === seededApiKeyId, `${file} got ${out.apiKeyId}`);
    check(out.VERSION === keys.version, `${file} VERSION ${out.VERSION} != ${keys.version}`);
    step(`node ${file}: ${out.format} getGroupAiModelApiKey via Prism → apiKeyId ${out.apiKeyId}`);
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
  await main(work, mock);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
