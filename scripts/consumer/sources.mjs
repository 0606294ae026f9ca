// What the consumer test writes into the fresh project: scripts that use the installed packages
// as an application would, on every runtime of the matrix, and files that only the TypeScript
// compiler reads.

const LIFECYCLE = (load) => `${load}
const groupId = process.env.GROUP_ID;
const client = createAtlasAiKeysClient({
  baseUrl: process.env.ATLAS_MOCK_URL,
  auth: accessTokenAuth({ accessToken: 'consumer' }),
  maxRetries: 0,
});
const name = 'consumer-' + FORMAT;
const created = await client.keys.create({ groupId, name });
const { apiKeyId } = created;
if (typeof created.secret !== 'string' || JSON.stringify(created).includes(created.secret)) {
  throw new Error('the secret is not kept out of JSON: ' + JSON.stringify(created));
}
const { data: got, response } = await client.keys.get({ groupId, apiKeyId }).withResponse();
if (response.status !== 200 || got.name !== name || got.secret !== undefined) {
  throw new Error('get: ' + response.status + ' ' + JSON.stringify(got));
}
// client.api loads openapi-fetch on its first request; middleware registered before runs on it.
const seen = [];
client.api.use({ onRequest: ({ request }) => { seen.push(request.method); return request; } });
const raw = await client.api.GET('/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}', {
  params: { path: { groupId, apiKeyId } },
});
if (raw.response.status !== 200 || raw.data.name !== name || seen.join() !== 'GET') {
  throw new Error('client.api: ' + raw.response.status + ' ' + JSON.stringify(raw.data) + ' ' + seen);
}
const renamed = await client.keys.update({ groupId, apiKeyId, name: name + '-renamed' });
const names = [];
for await (const key of client.keys.list({ groupId })) names.push(key.name);
if (renamed.name !== name + '-renamed' || !names.includes(renamed.name) || names.includes(name)) {
  throw new Error('rename, then list: ' + JSON.stringify(names));
}
await client.keys.delete({ groupId, apiKeyId });
const gone = await client.keys.get({ groupId, apiKeyId }).then(
  (key) => { throw new Error('the deleted key is still there: ' + JSON.stringify(key)); },
  (error) => error,
);
if (!(gone instanceof AtlasNotFoundError) || !isAtlasErrorCode(gone, 'RESOURCE_NOT_FOUND') || !gone.detail.includes(apiKeyId)) {
  throw gone;
}
if (typeof AtlasApiError !== 'function' || AI_MODEL_API_KEY_MEDIA_TYPE !== 'application/vnd.atlas.2025-03-12+json') {
  throw new Error('missing exports');
}
const typesRuntime = Object.keys(atlasTypes).sort().join();
const expectedRuntime = 'AI_MODEL_API_KEY_MEDIA_TYPE,API_VERSIONS,LATEST_API_VERSION,OPERATIONS,PARAMETERS,RESOURCES,SECRET_FIELDS';
if (typesRuntime !== expectedRuntime) throw new Error('atlas-types exports ' + typesRuntime);
await client.close();
console.log(JSON.stringify({ format: FORMAT, VERSION, names, deleted: gone.status + ' ' + gone.errorCode }));
`;

/**
 * The key's whole life through the ES module build, against a stateful mock: create, get (by a
 * method and through `client.api`), rename, list, delete, then a typed 404 for it.
 */
export const LIFECYCLE_ESM = LIFECYCLE(`import { createRequire } from 'node:module';
import { AtlasApiError, AtlasNotFoundError, createAtlasAiKeysClient, isAtlasErrorCode, VERSION } from '@org/atlas-ai-keys';
import * as atlasTypes from '@org/atlas-types';
// Credentials made by the CommonJS build must work with a client of the ES module build.
const { accessTokenAuth } = createRequire(import.meta.url)('@org/atlas-ai-keys');
const { AI_MODEL_API_KEY_MEDIA_TYPE } = atlasTypes;
const FORMAT = 'esm';`);

/** The same through the CommonJS build; top-level await is not available there. */
export const LIFECYCLE_CJS = `const FORMAT = 'cjs';
const { AtlasApiError, AtlasNotFoundError, accessTokenAuth, createAtlasAiKeysClient, isAtlasErrorCode, VERSION } = require('@org/atlas-ai-keys');
const atlasTypes = require('@org/atlas-types');
const { AI_MODEL_API_KEY_MEDIA_TYPE } = atlasTypes;
(async () => {
${LIFECYCLE('')}
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
  const key: AiModelApiKey = await client.keys.get(params, { timeoutMs: 1_000 });
  const { data, response } = await client.keys.get(params).withResponse();
  const status: number = response.status;
  // @ts-expect-error apiKeyId is a string
  const wrong: number = data.apiKeyId;

  const raw = await client.api.GET('/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}', {
    params: { path: params },
  });
  const maskedSecret: string | undefined = raw.data?.maskedSecret;

  try {
    await client.keys.get(params);
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

/** Typed use of both libraries from an ES module. */
export const USAGE_ESM = USAGE(`import {
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

/** The same from CommonJS: a .cts file compiles to require() under node16, so it checks the .d.cts declarations. */
export const USAGE_CJS = USAGE(`import atlas = require('@org/atlas-ai-keys');
import types = require('@org/atlas-types');
type AiModelApiKey = atlas.AiModelApiKey;
type AtlasAiKeysClient = atlas.AtlasAiKeysClient;
type AiModelApiKeyMediaType = types.AiModelApiKeyMediaType;
type ApiError = types.ApiError;
const { AtlasApiError, AtlasRateLimitError, authFromEnv, createAtlasAiKeysClient } = atlas;
const { accessTokenAuth, digestAuth, isAtlasErrorCode, serviceAccountAuth, VERSION } = atlas;
const { AI_MODEL_API_KEY_MEDIA_TYPE } = types;`);

/** Typed use of the mock from an ES module (it ships no CommonJS build). */
export const MOCK_USAGE = `import { type AtlasMock, resetAtlasMock, startAtlasMock } from '@org/atlas-mock';
import { type AtlasMockHandle, useAtlasMock } from '@org/atlas-mock/node-test';

export async function mockUsage(): Promise<string> {
  const mock: AtlasMock = await startAtlasMock({ mode: 'static', dynamic: true, port: 0 });
  // @ts-expect-error generated bodies are for a static mock
  await startAtlasMock({ mode: 'stateful', dynamic: true });
  await resetAtlasMock(mock.baseUrl);
  const handle: AtlasMockHandle = useAtlasMock({ host: '127.0.0.1' });
  await mock.close();
  return [mock.mode, handle.baseUrl].join(' ');
}
`;

// No skipLibCheck: the packages' declarations must compile for users who check libraries.
// skipDefaultLibCheck only skips TypeScript's own lib.*.d.ts, which saves seconds per run.
export const TSC_COMMON = ['--strict', '--noEmit', '--target', 'es2022', '--skipDefaultLibCheck'];

/** The compilations of the usage files, each with a module resolution a user may choose. */
export const TYPECHECKS = [
  {
    label:
      'tsc --strict (module node16, moduleResolution node16): usage.ts (ESM) + usage.cts (CJS) + mock-usage.ts',
    args: [
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      'usage.ts',
      'usage.cts',
      'mock-usage.ts',
    ],
  },
  {
    label: 'tsc --strict (module esnext, moduleResolution bundler): usage.ts + mock-usage.ts',
    args: ['--module', 'esnext', '--moduleResolution', 'bundler', 'usage.ts', 'mock-usage.ts'],
  },
];
