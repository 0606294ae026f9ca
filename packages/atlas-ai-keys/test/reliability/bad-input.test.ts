import { inspect } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type AtlasAiKeysClientOptions,
  AtlasValidationError,
  accessTokenAuth,
  authFromEnv,
  createAtlasAiKeysClient,
  digestAuth,
  serviceAccountAuth,
} from '../../src/index.js';
import { KEY, PARAMS, rejectionOf } from '../helpers/observed-fetch.js';
import { named } from './support/client.js';
import { type FaultServer, jsonFault } from './support/fault-server.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

failOnUnhandledRejections();
const servers = useFaultServers();

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

// biome-ignore lint/suspicious/noExplicitAny: the table feeds deliberately wrong types
type Loose = any;

/** What a row's call gets: a fetch that counts and the URL of a server that counts. */
interface Context {
  readonly fetch: typeof globalThis.fetch;
  readonly baseUrl: string;
}

interface BadInput {
  readonly name: string;
  /** The field the error must name; its message must start with it. */
  readonly field: string;
  /** What the message must say. */
  readonly says: RegExp;
  readonly call: (context: Context) => unknown;
  /** A credential the error must not show. */
  readonly hides?: string;
}

const options = (context: Context, extra: Loose = {}): AtlasAiKeysClientOptions => ({
  baseUrl: context.baseUrl,
  fetch: context.fetch,
  logLevel: 'off',
  ...extra,
});
const withParams = (params: Loose) => (context: Context) =>
  createAtlasAiKeysClient(options(context)).keys.get(params);
const withRequestOptions = (requestOptions: Loose) => (context: Context) =>
  createAtlasAiKeysClient(options(context)).keys.get(PARAMS, requestOptions);
const withClientOptions = (extra: Loose) => (context: Context) =>
  createAtlasAiKeysClient(options(context, extra)).keys.get(PARAMS);
/** Credentials are checked when made, before any client exists. */
const withAuth = (makeAuth: () => unknown) => (context: Context) =>
  createAtlasAiKeysClient(options(context, { auth: makeAuth() })).keys.get(PARAMS);
const withEnvAuth = (env: Record<string, string>) => (context: Context) =>
  createAtlasAiKeysClient(options(context, { auth: authFromEnv(env) })).keys.get(PARAMS);
/** The client reads the base URL from `process.env` when none is given. */
const withProcessEnv = (env: Record<string, string>) => (context: Context) => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return createAtlasAiKeysClient({ fetch: context.fetch, logLevel: 'off' }).keys.get(PARAMS);
};

const HEX = /^groupId must be a string matching \^\(\[a-f0-9\]\{24\}\)\$/;
const TOKEN = 'SENTINEL-token-8d1c';
const SECRET = 'SENTINEL-secret-2b7e';

const BAD_INPUTS: BadInput[] = [
  // getGroupAiModelApiKey: params
  {
    name: 'groupId too short',
    field: 'groupId',
    says: HEX,
    call: withParams({ ...PARAMS, groupId: '32b6e34b' }),
  },
  {
    name: 'groupId one character too long',
    field: 'groupId',
    says: HEX,
    call: withParams({ ...PARAMS, groupId: `${KEY.groupId}0` }),
  },
  {
    name: 'groupId in upper case',
    field: 'groupId',
    says: HEX,
    call: withParams({ ...PARAMS, groupId: KEY.groupId.toUpperCase() }),
  },
  {
    name: 'groupId not hexadecimal',
    field: 'groupId',
    says: HEX,
    call: withParams({ ...PARAMS, groupId: 'zzzzzzzzzzzzzzzzzzzzzzzz' }),
  },
  {
    name: 'groupId with full-width unicode digits',
    field: 'groupId',
    says: HEX,
    call: withParams({ ...PARAMS, groupId: '３２b6e34b3d91647abb20e7b8' }),
  },
  {
    name: 'groupId with a trailing newline',
    field: 'groupId',
    says: /^groupId must be free of control characters/,
    call: withParams({ ...PARAMS, groupId: `${KEY.groupId}\n` }),
  },
  {
    name: 'groupId that climbs the path',
    field: 'groupId',
    says: HEX,
    call: withParams({ ...PARAMS, groupId: '../../../../admin/users' }),
  },
  {
    name: 'groupId null',
    field: 'groupId',
    says: /received null/,
    call: withParams({ ...PARAMS, groupId: null }),
  },
  {
    name: 'groupId a number',
    field: 'groupId',
    says: /received number 123/,
    call: withParams({ ...PARAMS, groupId: 123 }),
  },
  {
    name: 'groupId missing',
    field: 'groupId',
    says: /received undefined/,
    call: withParams({ apiKeyId: KEY.apiKeyId }),
  },
  {
    name: 'params missing altogether',
    field: 'groupId',
    says: /^groupId must be a non-empty string \(received undefined\)/,
    call: withParams(undefined),
  },
  {
    name: 'apiKeyId empty',
    field: 'apiKeyId',
    says: /^apiKeyId must be a non-empty string/,
    call: withParams({ ...PARAMS, apiKeyId: '' }),
  },
  {
    name: 'apiKeyId the dot segment "."',
    field: 'apiKeyId',
    says: /not the path segment/,
    call: withParams({ ...PARAMS, apiKeyId: '.' }),
  },
  {
    name: 'apiKeyId the dot segment ".."',
    field: 'apiKeyId',
    says: /not the path segment/,
    call: withParams({ ...PARAMS, apiKeyId: '..' }),
  },
  {
    name: 'apiKeyId with a slash',
    field: 'apiKeyId',
    says: /^apiKeyId must be one path segment, without "\/" or spaces \(received "a\/b"\)$/,
    call: withParams({ ...PARAMS, apiKeyId: 'a/b' }),
  },
  {
    name: 'apiKeyId with a space',
    field: 'apiKeyId',
    says: /one path segment/,
    call: withParams({ ...PARAMS, apiKeyId: 'a b' }),
  },
  {
    name: 'apiKeyId with CR/LF',
    field: 'apiKeyId',
    says: /free of control characters/,
    call: withParams({ ...PARAMS, apiKeyId: 'a\r\nX-Injected: 1' }),
  },
  {
    name: 'apiKeyId with NUL',
    field: 'apiKeyId',
    says: /free of control characters/,
    call: withParams({ ...PARAMS, apiKeyId: 'a\u0000' }),
  },
  {
    name: 'apiKeyId with a C1 control (NEL)',
    field: 'apiKeyId',
    says: /free of control characters/,
    call: withParams({ ...PARAMS, apiKeyId: 'a\u0085b' }),
  },
  {
    name: 'apiKeyId 10 kB long',
    field: 'apiKeyId',
    says: /at most 256 characters/,
    call: withParams({ ...PARAMS, apiKeyId: 'a'.repeat(10_240) }),
  },
  {
    name: 'apiKeyId one character over the limit',
    field: 'apiKeyId',
    says: /at most 256 characters/,
    call: withParams({ ...PARAMS, apiKeyId: 'a'.repeat(257) }),
  },
  {
    name: 'apiKeyId with a lone surrogate',
    field: 'apiKeyId',
    says: /well-formed Unicode/,
    call: withParams({ ...PARAMS, apiKeyId: 'key\uD800' }),
  },
  {
    name: 'apiKeyId a number',
    field: 'apiKeyId',
    says: /non-empty string/,
    call: withParams({ ...PARAMS, apiKeyId: 42 }),
  },
  {
    name: 'envelope the string "true"',
    field: 'envelope',
    says: /^envelope must be a boolean/,
    call: withParams({ ...PARAMS, envelope: 'true' }),
  },
  {
    name: 'pretty a number',
    field: 'pretty',
    says: /^pretty must be a boolean/,
    call: withParams({ ...PARAMS, pretty: 1 }),
  },
  {
    name: 'params null',
    field: 'params',
    says: /^params must be an object/,
    call: withParams(null),
  },
  {
    name: 'params a string',
    field: 'params',
    says: /^params must be an object/,
    call: withParams('x'),
  },
  // getGroupAiModelApiKey: request options
  {
    name: 'per-request timeoutMs negative',
    field: 'requestOptions.timeoutMs',
    says: /from 1 to 2147483647/,
    call: withRequestOptions({ timeoutMs: -1 }),
  },
  {
    name: 'per-request timeoutMs NaN',
    field: 'requestOptions.timeoutMs',
    says: /whole number of milliseconds/,
    call: withRequestOptions({ timeoutMs: Number.NaN }),
  },
  {
    name: 'per-request timeoutMs beyond setTimeout',
    field: 'requestOptions.timeoutMs',
    says: /2147483647/,
    call: withRequestOptions({ timeoutMs: 2 ** 31 }),
  },
  {
    name: 'per-request maxRetries negative',
    field: 'requestOptions.maxRetries',
    says: /from 0 to 10/,
    call: withRequestOptions({ maxRetries: -1 }),
  },
  {
    name: 'per-request maxRetries Infinity',
    field: 'requestOptions.maxRetries',
    says: /from 0 to 10/,
    call: withRequestOptions({ maxRetries: Number.POSITIVE_INFINITY }),
  },
  {
    name: 'per-request maxRetries fractional',
    field: 'requestOptions.maxRetries',
    says: /whole number/,
    call: withRequestOptions({ maxRetries: 1.5 }),
  },
  {
    name: 'per-request signal not an AbortSignal',
    field: 'requestOptions.signal',
    says: /an AbortSignal/,
    call: withRequestOptions({ signal: {} }),
  },
  {
    name: 'per-request header with CR/LF',
    field: 'requestOptions.headers.x-trace',
    says: /without control characters/,
    call: withRequestOptions({ headers: { 'x-trace': 'a\r\nX-Injected: 1' } }),
  },
  {
    name: 'per-request options a string',
    field: 'requestOptions',
    says: /an object/,
    call: withRequestOptions('fast'),
  },
  // createAtlasAiKeysClient options
  {
    name: 'baseUrl not a URL',
    field: 'baseUrl',
    says: /http or https URL/,
    call: withClientOptions({ baseUrl: 'not a url' }),
  },
  {
    name: 'baseUrl with the ftp: scheme',
    field: 'baseUrl',
    says: /http or https URL/,
    call: withClientOptions({ baseUrl: 'ftp://cloud.mongodb.com' }),
  },
  {
    name: 'baseUrl a number',
    field: 'baseUrl',
    says: /http or https URL/,
    call: withClientOptions({ baseUrl: 443 }),
  },
  {
    name: 'baseUrl plain http to a remote host',
    field: 'baseUrl',
    says: /allowInsecureHttp/,
    call: withClientOptions({ baseUrl: 'http://cloud.mongodb.com' }),
  },
  {
    name: 'baseUrl plain http to a host that only starts like loopback',
    field: 'baseUrl',
    says: /allowInsecureHttp/,
    call: withClientOptions({ baseUrl: 'http://127.0.0.1.nip.io' }),
  },
  {
    name: 'baseUrl plain http to a host named like localhost',
    field: 'baseUrl',
    says: /allowInsecureHttp/,
    call: withClientOptions({ baseUrl: 'http://localhost.example.com' }),
  },
  {
    name: 'baseUrl with credentials in its userinfo',
    field: 'baseUrl',
    says: /without user name or password/,
    call: withClientOptions({ baseUrl: `https://user:${SECRET}@cloud.mongodb.com` }),
    hides: SECRET,
  },
  {
    name: 'baseUrl not parseable, with credentials',
    field: 'baseUrl',
    says: /http or https URL/,
    call: withClientOptions({ baseUrl: `ftp://user:${SECRET}@cloud mongodb` }),
    hides: SECRET,
  },
  {
    name: 'baseUrl not parseable, with a "/" in its password',
    field: 'baseUrl',
    says: /http or https URL/,
    call: withClientOptions({ baseUrl: `https://user:pa/${SECRET}@cloud.mongodb.com` }),
    hides: SECRET,
  },
  {
    name: 'baseUrl not parseable, with an "@" in its user name',
    field: 'baseUrl',
    says: /http or https URL/,
    call: withClientOptions({ baseUrl: `https://me@corp:${SECRET}@cloud mongodb` }),
    hides: SECRET,
  },
  {
    name: 'baseUrl with a query',
    field: 'baseUrl',
    says: /without query or fragment/,
    call: withClientOptions({ baseUrl: 'https://cloud.mongodb.com/?a=1' }),
  },
  {
    name: 'baseUrl with an empty fragment',
    field: 'baseUrl',
    says: /without query or fragment/,
    call: withClientOptions({ baseUrl: 'https://cloud.mongodb.com#' }),
  },
  {
    name: 'baseUrl with an empty query',
    field: 'baseUrl',
    says: /without query or fragment/,
    call: withClientOptions({ baseUrl: 'https://cloud.mongodb.com/prefix?' }),
  },
  {
    name: 'timeoutMs negative',
    field: 'timeoutMs',
    says: /from 1 to/,
    call: withClientOptions({ timeoutMs: -5 }),
  },
  {
    name: 'timeoutMs zero',
    field: 'timeoutMs',
    says: /from 1 to/,
    call: withClientOptions({ timeoutMs: 0 }),
  },
  {
    name: 'timeoutMs NaN',
    field: 'timeoutMs',
    says: /whole number/,
    call: withClientOptions({ timeoutMs: Number.NaN }),
  },
  {
    name: 'timeoutMs Infinity',
    field: 'timeoutMs',
    says: /whole number/,
    call: withClientOptions({ timeoutMs: Number.POSITIVE_INFINITY }),
  },
  {
    name: 'timeoutMs huge',
    field: 'timeoutMs',
    says: /2147483647/,
    call: withClientOptions({ timeoutMs: 1e12 }),
  },
  {
    name: 'maxRetries negative',
    field: 'maxRetries',
    says: /from 0 to 10/,
    call: withClientOptions({ maxRetries: -1 }),
  },
  {
    name: 'maxRetries NaN',
    field: 'maxRetries',
    says: /whole number/,
    call: withClientOptions({ maxRetries: Number.NaN }),
  },
  {
    name: 'maxRetries huge',
    field: 'maxRetries',
    says: /from 0 to 10/,
    call: withClientOptions({ maxRetries: 1e6 }),
  },
  {
    name: 'maxRetries a numeric string',
    field: 'maxRetries',
    says: /whole number/,
    call: withClientOptions({ maxRetries: '2' }),
  },
  {
    name: 'retry.baseDelayMs negative',
    field: 'retry.baseDelayMs',
    says: /from 0 to/,
    call: withClientOptions({ retry: { baseDelayMs: -1 } }),
  },
  {
    name: 'retry.maxDelayMs NaN',
    field: 'retry.maxDelayMs',
    says: /whole number/,
    call: withClientOptions({ retry: { maxDelayMs: Number.NaN } }),
  },
  {
    name: 'retry.maxRetryAfterMs Infinity',
    field: 'retry.maxRetryAfterMs',
    says: /whole number/,
    call: withClientOptions({ retry: { maxRetryAfterMs: Number.POSITIVE_INFINITY } }),
  },
  {
    name: 'retry not an object',
    field: 'retry',
    says: /an object/,
    call: withClientOptions({ retry: 3 }),
  },
  {
    name: 'maxResponseBytes zero',
    field: 'maxResponseBytes',
    says: /bytes from 1/,
    call: withClientOptions({ maxResponseBytes: 0 }),
  },
  {
    name: 'maxResponseBytes beyond 2 GiB',
    field: 'maxResponseBytes',
    says: /bytes from 1/,
    call: withClientOptions({ maxResponseBytes: 2 ** 32 }),
  },
  {
    name: 'allowInsecureHttp a string',
    field: 'allowInsecureHttp',
    says: /a boolean/,
    call: withClientOptions({ allowInsecureHttp: 'yes' }),
  },
  {
    name: 'fetch not a function',
    field: 'fetch',
    says: /a fetch function/,
    call: withClientOptions({ fetch: 'fetch' }),
  },
  {
    name: 'logger without methods',
    field: 'logger',
    says: /debug, info, warn and error/,
    call: withClientOptions({ logger: {} }),
  },
  {
    name: 'logLevel unknown',
    field: 'logLevel',
    says: /one of/,
    call: withClientOptions({ logLevel: 'verbose' }),
  },
  {
    name: 'userAgent with CR/LF',
    field: 'userAgent',
    says: /without control characters/,
    call: withClientOptions({ userAgent: 'app\r\nX-Injected: 1' }),
  },
  {
    name: 'apiVersion not a month',
    field: 'apiVersion',
    says: /YYYY-MM-DD/,
    call: withClientOptions({ apiVersion: '2025-13-01' }),
  },
  {
    name: 'apiVersion not a calendar date',
    field: 'apiVersion',
    says: /YYYY-MM-DD/,
    call: withClientOptions({ apiVersion: '2025-02-30' }),
  },
  {
    name: 'options a number',
    field: 'options',
    says: /an object/,
    call: () => createAtlasAiKeysClient(42 as Loose),
  },
  {
    name: 'auth a plain object rather than credentials',
    field: 'auth',
    says: /credentials from accessTokenAuth\(\), digestAuth\(\), serviceAccountAuth\(\) or authFromEnv\(\)/,
    call: withClientOptions({ auth: { type: 'accessToken', accessToken: TOKEN } }),
    hides: TOKEN,
  },
  {
    name: 'auth a string',
    field: 'auth',
    says: /\(received a string\)/,
    call: withClientOptions({ auth: TOKEN }),
    hides: TOKEN,
  },
  {
    name: 'accessTokenAuth with the Bearer prefix',
    field: 'accessToken',
    says: /without "Bearer "/,
    call: withAuth(() => accessTokenAuth({ accessToken: `Bearer ${TOKEN}` })),
    hides: TOKEN,
  },
  {
    name: 'digestAuth with an empty private key',
    field: 'privateKey',
    says: /non-empty string/,
    call: withAuth(() => digestAuth({ publicKey: 'abcdefgh', privateKey: '' })),
  },
  {
    name: 'digestAuth with a public key outside printable ASCII',
    field: 'publicKey',
    says: /printable ASCII/,
    call: withAuth(() => digestAuth({ publicKey: 'clé', privateKey: SECRET })),
    hides: SECRET,
  },
  {
    name: 'digestAuth with allowRfc2069 not a boolean',
    field: 'allowRfc2069',
    says: /a boolean/,
    call: withAuth(() =>
      digestAuth({ publicKey: 'abcdefgh', privateKey: SECRET }, { allowRfc2069: 'yes' as Loose }),
    ),
    hides: SECRET,
  },
  {
    name: 'digestAuth with options a string',
    field: 'options',
    says: /an object/,
    call: withAuth(() =>
      digestAuth({ publicKey: 'abcdefgh', privateKey: SECRET }, 'rfc2069' as Loose),
    ),
    hides: SECRET,
  },
  {
    name: 'serviceAccountAuth with a numeric client secret',
    field: 'clientSecret',
    says: /non-empty string/,
    call: withAuth(() => serviceAccountAuth({ clientId: 'id', clientSecret: 12345 as Loose })),
  },
  {
    name: 'serviceAccountAuth without credentials',
    field: 'credentials',
    says: /\(received undefined\)/,
    call: withAuth(() => serviceAccountAuth(undefined as Loose)),
  },
  // authFromEnv and the environment
  {
    name: 'MONGODB_ATLAS_CLIENT_ID set without its secret',
    field: 'MONGODB_ATLAS_CLIENT_SECRET',
    says: /because MONGODB_ATLAS_CLIENT_ID is set/,
    call: withEnvAuth({ MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id' }),
  },
  {
    name: 'MONGODB_ATLAS_CLIENT_SECRET set without its id',
    field: 'MONGODB_ATLAS_CLIENT_ID',
    says: /because MONGODB_ATLAS_CLIENT_SECRET is set/,
    call: withEnvAuth({ MONGODB_ATLAS_CLIENT_SECRET: SECRET }),
    hides: SECRET,
  },
  {
    name: 'MONGODB_ATLAS_PUBLIC_API_KEY set without its private key',
    field: 'MONGODB_ATLAS_PRIVATE_API_KEY',
    says: /because MONGODB_ATLAS_PUBLIC_API_KEY is set/,
    call: withEnvAuth({ MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh' }),
  },
  {
    name: 'the Terraform MONGODB_ATLAS_PRIVATE_KEY set without a public key',
    field: 'MONGODB_ATLAS_PUBLIC_KEY',
    says: /because MONGODB_ATLAS_PRIVATE_KEY is set/,
    call: withEnvAuth({ MONGODB_ATLAS_PRIVATE_KEY: SECRET }),
    hides: SECRET,
  },
  {
    name: 'a half-set service account beside a whole API key it takes precedence over',
    field: 'MONGODB_ATLAS_CLIENT_SECRET',
    says: /because MONGODB_ATLAS_CLIENT_ID is set/,
    call: withEnvAuth({
      MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id',
      MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh',
      MONGODB_ATLAS_PRIVATE_API_KEY: SECRET,
    }),
    hides: SECRET,
  },
  {
    name: 'no MONGODB_ATLAS_* credentials at all',
    field: 'MONGODB_ATLAS_ACCESS_TOKEN',
    says: /or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY/,
    call: withEnvAuth({ MONGODB_ATLAS_BASE_URL: 'https://cloud.mongodb.com' }),
  },
  {
    name: 'MONGODB_ATLAS_ACCESS_TOKEN with whitespace',
    field: 'MONGODB_ATLAS_ACCESS_TOKEN',
    says: /containing whitespace/,
    call: withEnvAuth({ MONGODB_ATLAS_ACCESS_TOKEN: `${TOKEN} x` }),
    hides: TOKEN,
  },
  {
    name: 'MONGODB_ATLAS_BASE_URL with the ftp: scheme',
    field: 'MONGODB_ATLAS_BASE_URL',
    says: /http or https URL/,
    call: withProcessEnv({ MONGODB_ATLAS_BASE_URL: 'ftp://cloud.mongodb.com' }),
  },
  {
    name: 'MONGODB_ATLAS_BASE_URL not parseable, with a "/" in its password',
    field: 'MONGODB_ATLAS_BASE_URL',
    says: /http or https URL/,
    call: withProcessEnv({ MONGODB_ATLAS_BASE_URL: `https://user:x/${SECRET}@cloud.mongodb.com` }),
    hides: SECRET,
  },
  {
    name: 'MONGODB_ATLAS_OPS_MANAGER_URL plain http to a remote host',
    field: 'MONGODB_ATLAS_OPS_MANAGER_URL',
    says: /allowInsecureHttp/,
    call: withProcessEnv({ MONGODB_ATLAS_OPS_MANAGER_URL: 'http://opsmanager.example.com' }),
  },
];

/** Runs `call` with a counting fetch against `server`; returns the error and the requests made. */
async function attempt(server: FaultServer, call: (context: Context) => unknown) {
  let fetched = 0;
  const counting: typeof globalThis.fetch = (input, init) => {
    fetched++;
    return globalThis.fetch(input, init);
  };
  const globalFetch = vi.spyOn(globalThis, 'fetch');
  const error = await rejectionOf((async () => call({ fetch: counting, baseUrl: server.url }))());
  return { error, requests: fetched + globalFetch.mock.calls.length + server.requests.length };
}

describe('bad input is refused with AtlasValidationError naming the field, before any request', () => {
  test('the table covers at least 30 cases', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
  });

  test.each(named(BAD_INPUTS))(
    '%s is refused before any request',
    async (_, { field, says, call, hides }) => {
      const server = await servers.start();
      server.script(jsonFault(KEY));
      const { error, requests } = await attempt(server, call);

      expect(error).toBeInstanceOf(AtlasValidationError);
      expect(error.field).toBe(field);
      expect(error.message.startsWith(`${field} must be `)).toBe(true);
      expect(error.message).toMatch(says);
      expect(requests).toBe(0);
      if (hides) expect(`${error.message}\n${error.stack}\n${inspect(error)}`).not.toContain(hides);
    },
  );
});

describe('unusual but valid input is accepted and stays where it belongs', () => {
  test.each([
    ['an encoded slash', '%2F'],
    ['a question mark', '?x'],
    ['a hash', '#x'],
    ['three dots', '...'],
    ['an encoded dot segment', '%2e%2e'],
    ['a backslash', 'a\\b'],
    ['Cyrillic', 'ключ'],
    ['an emoji', 'key-😀'],
    ['exactly 256 characters', 'k'.repeat(256)],
  ])('an apiKeyId with %s is percent-encoded into one path segment', async (_, apiKeyId) => {
    const server = await servers.start();
    server.script(jsonFault(KEY));
    const client = createAtlasAiKeysClient({ baseUrl: server.url, logLevel: 'off' });

    await expect(client.keys.get({ ...PARAMS, apiKeyId })).resolves.toEqual(KEY);

    expect(server.requests).toHaveLength(1);
    const target = server.requests[0]?.target ?? '';
    const prefix = `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/`;
    expect(target.startsWith(prefix)).toBe(true);
    const segment = target.slice(prefix.length);
    expect(segment).not.toMatch(/[/?#]/);
    expect(decodeURIComponent(segment)).toBe(apiKeyId);
  });

  test.each([
    ['http://localhost:4010'],
    ['http://127.0.0.1:4010'],
    ['http://127.1.2.3:4010'],
    ['http://[::1]:4010'],
  ])('plain http to the loopback host %s is allowed', (baseUrl) => {
    expect(createAtlasAiKeysClient({ baseUrl }).baseUrl).toBe(baseUrl);
  });

  test('plain http to a remote host is allowed when asked for explicitly', () => {
    const client = createAtlasAiKeysClient({
      baseUrl: 'http://atlas.internal',
      allowInsecureHttp: true,
    });
    expect(client.baseUrl).toBe('http://atlas.internal');
  });
});
