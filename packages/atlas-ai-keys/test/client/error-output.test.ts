import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  AtlasAbortError,
  type AtlasApiError,
  AtlasAuthError,
  AtlasConnectionError,
  type AtlasError,
  AtlasInvalidResponseError,
  AtlasNotFoundError,
  AtlasRateLimitError,
  AtlasTimeoutError,
  AtlasValidationError,
  accessTokenAuth,
  serviceAccountAuth,
} from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  hang,
  json,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

const TOKEN = 'TOKEN-SENTINEL-5e1f';
const KEY_PATH = `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}`;
const REQUEST = { method: 'GET', path: KEY_PATH };

/** The 404 an observed client rejects with, its response carrying `headers`. */
async function notFound(headers: Record<string, string>) {
  const { client } = createObservedClient(
    () => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404, headers),
    { auth: accessTokenAuth({ accessToken: TOKEN }), maxRetries: 0 },
  );
  return (await rejectionOf(client.keys.get(PARAMS))) as AtlasApiError;
}

describe('an AtlasApiError shows its response headers', () => {
  // note: Node prints an uncaught error with customInspect off; Headers then used to show as
  // `Headers {}`.
  test.each([
    ['util.inspect', {}],
    ['an uncaught error report (no custom inspectors)', { customInspect: false }],
  ])('under %s', async (_, options) => {
    const error = await notFound({ 'x-request-id': 'r-1', 'ratelimit-remaining': '99' });
    const shown = inspect(error, options);
    expect(shown).toContain("'x-request-id': 'r-1'");
    expect(shown).toContain("'ratelimit-remaining': '99'");
    expect(shown).not.toContain(TOKEN);
  });

  test('in JSON, as an object of names and values', async () => {
    const error = await notFound({ 'x-request-id': 'r-1' });
    expect(JSON.parse(JSON.stringify(error)).headers).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'r-1',
    });
  });

  test('and they still work as Headers', async () => {
    const error = await notFound({ 'X-Request-Id': 'r-1' });
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get('x-request-id')).toBe('r-1');
    expect([...error.headers.keys()]).toEqual(['content-type', 'x-request-id']);
  });

  test('a header named like a method of Headers does not hide the method', async () => {
    const error = await notFound({ get: 'g', keys: 'k', constructor: 'c' });
    expect(error.headers.get('get')).toBe('g');
    expect([...error.headers.keys()]).toContain('keys');
    expect(error.headers.constructor).toBe(Headers);
  });

  test('a cookie the server set stays out of inspection and JSON', async () => {
    const error = await notFound({ 'set-cookie': 'session=COOKIE-SENTINEL' });
    expect(inspect(error, { customInspect: false })).not.toContain('COOKIE-SENTINEL');
    expect(JSON.stringify(error)).not.toContain('COOKIE-SENTINEL');
    expect(error.headers.get('set-cookie')).toBe('session=COOKIE-SENTINEL');
  });
});

/** How to make each kind of error, and the fields its JSON must carry besides name and message. */
type ErrorClass = abstract new (...args: never[]) => AtlasError;

const KINDS: [ErrorClass, () => Promise<Error>, Record<string, unknown>][] = [
  [
    AtlasValidationError,
    async () => {
      const { client } = createObservedClient(() => json({}));
      return rejectionOf(client.keys.get({ ...PARAMS, groupId: 'not-hex' }));
    },
    {
      field: 'groupId',
      expected: 'a string matching ^([a-f0-9]{24})$',
      received: '"not-hex"',
    },
  ],
  [
    AtlasNotFoundError,
    () => notFound({}),
    {
      status: 404,
      errorCode: 'RESOURCE_NOT_FOUND',
      detail: 'RESOURCE_NOT_FOUND detail',
      reason: 'Reason',
      headers: { 'content-type': 'application/json' },
      request: REQUEST,
    },
  ],
  [
    AtlasRateLimitError,
    async () => {
      const { client } = createObservedClient(
        () => json(apiError(429, 'RATE_LIMITED'), 429, { 'retry-after': '120' }),
        { maxRetries: 0 },
      );
      return rejectionOf(client.keys.get(PARAMS));
    },
    { status: 429, errorCode: 'RATE_LIMITED', retryAfterMs: 120_000, request: REQUEST },
  ],
  [
    AtlasInvalidResponseError,
    async () => {
      const { client } = createObservedClient(() => new Response('[]'), { maxRetries: 0 });
      return rejectionOf(client.keys.get(PARAMS));
    },
    { status: 200, bodyExcerpt: 'not a JSON object: []', request: REQUEST },
  ],
  [
    AtlasConnectionError,
    async () => {
      const { client } = createObservedClient(() => Promise.reject(new TypeError('fetch failed')), {
        maxRetries: 0,
      });
      return rejectionOf(client.keys.get(PARAMS));
    },
    { request: REQUEST },
  ],
  [
    AtlasTimeoutError,
    async () => {
      const { client } = createObservedClient(hang, { maxRetries: 0, timeoutMs: 20 });
      return rejectionOf(client.keys.get(PARAMS));
    },
    { timeoutMs: 20, request: REQUEST },
  ],
  [
    AtlasAbortError,
    async () => {
      const { client } = createObservedClient(hang);
      return rejectionOf(client.keys.get(PARAMS, { signal: AbortSignal.abort() }));
    },
    { request: REQUEST },
  ],
  [
    AtlasAuthError,
    async () => {
      const { client } = createObservedClient(
        () => json({ error: 'invalid_client', error_description: 'unknown client' }, 401),
        { auth: serviceAccountAuth({ clientId: 'mdb_sa_id', clientSecret: 'SECRET-SENTINEL' }) },
      );
      return rejectionOf(client.keys.get(PARAMS));
    },
    { status: 401, oauthError: 'invalid_client', oauthErrorDescription: 'unknown client' },
  ],
];

describe('every Atlas error serialises to JSON with its name, message and fields', () => {
  test.each(KINDS.map(([kind, make, fields]) => [kind.name, kind, make, fields] as const))(
    '%s',
    async (name, kind, make, fields) => {
      const error = await make();
      expect(error.constructor).toBe(kind);
      const parsed = JSON.parse(JSON.stringify(error));
      expect(parsed).toEqual(expect.objectContaining({ name, message: error.message, ...fields }));
      expect(JSON.stringify(error)).not.toMatch(/SENTINEL/);
    },
  );

  test('even one made by hand', () => {
    const error = new AtlasValidationError('limit', 'a whole number');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'AtlasValidationError',
      message: 'limit must be a whole number',
      field: 'limit',
      expected: 'a whole number',
    });
  });
});

describe('a connection failure says where the client could not connect', () => {
  test('naming the origin and the cause code, never a credential', async () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
    });
    const { client } = createObservedClient(() => Promise.reject(cause), {
      baseUrl: 'https://atlas-proxy.example.test/prefix',
      auth: accessTokenAuth({ accessToken: TOKEN }),
      maxRetries: 0,
    });
    const error = await rejectionOf(client.keys.get(PARAMS));
    expect(error).toBeInstanceOf(AtlasConnectionError);
    expect(error.message).toBe(
      `connection to https://atlas-proxy.example.test failed (ENOTFOUND) on GET /prefix${KEY_PATH}`,
    );
    expect(`${inspect(error)} ${JSON.stringify(error)}`).not.toContain(TOKEN);
  });
});
