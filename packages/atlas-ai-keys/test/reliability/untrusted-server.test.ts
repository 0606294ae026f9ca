import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  AtlasAuthError,
  AtlasInvalidResponseError,
  accessTokenAuth,
  type GetGroupAiModelApiKeyParams,
} from '../../src/index.js';
import { captureLogger } from '../helpers/capture-logger.js';
import {
  apiError,
  createObservedClient,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';
import { faultClient, ROOMY_TIMEOUT_MS, settle } from './support/client.js';
import { type Fault, type FaultServer, jsonFault } from './support/fault-server.js';
import {
  AUTH_KINDS,
  type AuthKind,
  authOptions,
  CREDENTIAL_LEAKS,
  guardedApi,
  SENTINEL,
} from './support/guarded-api.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

failOnUnhandledRejections();
const servers = useFaultServers();

const deep = (value: unknown) =>
  inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true });
const asJson = (value: unknown) => JSON.stringify(value) ?? '';

/**
 * Every credential the API requests carried, as a server could quote it: the header's value, what
 * follows its scheme, and a Digest `response`. The token request's Basic header is among
 * CREDENTIAL_LEAKS.
 */
function credentialsSent(server: FaultServer): string[] {
  return server.requests.flatMap(({ headers: { authorization } }) =>
    authorization === undefined || authorization.startsWith('Basic ')
      ? []
      : [
          authorization,
          authorization.slice(authorization.indexOf(' ') + 1),
          ...(/response="(\w+)"/.exec(authorization)?.slice(1) ?? []),
        ],
  );
}

/** Fails the test when any of `texts` shows a credential, or any part of a key's secret. */
function expectNothingShown(texts: readonly string[], server: FaultServer): void {
  const leaks = [...CREDENTIAL_LEAKS, ...credentialsSent(server)];
  expect(leaks.length).toBeGreaterThan(CREDENTIAL_LEAKS.length);
  for (const text of texts) {
    for (const leak of leaks) expect(text).not.toContain(leak);
  }
}

const html = (status: number, body: string): Fault => ({
  kind: 'raw',
  status,
  body,
  headers: { 'content-type': 'text/html' },
});

interface Echo {
  readonly name: string;
  /** The answer to an authenticated request whose Authorization header was `authorization`. */
  readonly answer: (authorization: string) => Fault;
  readonly params?: GetGroupAiModelApiKeyParams;
}

const echoes: Echo[] = [
  {
    name: 'a 502 gateway page that quotes the request',
    answer: (authorization) =>
      html(
        502,
        `<html><body><h1>502 Bad Gateway</h1><pre>GET /api/atlas/v2 HTTP/1.1\r\nAuthorization: ${authorization}\r\n</pre></body></html>`,
      ),
  },
  {
    name: 'an Atlas error whose detail, reason and parameters quote the header',
    answer: (authorization) =>
      jsonFault(
        {
          ...apiError(500, 'UNEXPECTED_ERROR', `upstream refused Authorization: ${authorization}`),
          reason: authorization,
          parameters: [authorization],
        },
        500,
      ),
  },
  {
    name: 'a JSON error that quotes the header as a JSON string, quotes escaped',
    answer: (authorization) =>
      jsonFault({ message: 'bad gateway', request: { headers: { authorization } } }, 502),
  },
  {
    name: 'a 200 page that quotes the request',
    answer: (authorization) => html(200, `<html><p>Authorization: ${authorization}</p></html>`),
  },
  {
    name: 'an envelope whose failed content quotes the header',
    answer: (authorization) => jsonFault({ status: 502, content: `echo: ${authorization}` }),
    params: { ...PARAMS, envelope: true },
  },
  {
    name: 'a 503 that quotes the header in a response header',
    answer: (authorization) => ({
      kind: 'raw',
      status: 503,
      body: '',
      headers: { 'x-echo-authorization': authorization },
    }),
  },
];

describe('a server that quotes the request back shows no credential', () => {
  test.each(AUTH_KINDS.flatMap((kind) => echoes.map((echo) => [kind, echo.name, echo] as const)))(
    'with %s auth: %s',
    async (kind: AuthKind, _, echo) => {
      const server = await servers.start();
      server.respond(
        guardedApi(kind, (request) => echo.answer(request.headers.authorization as string)),
      );
      const { logger, lines } = captureLogger();
      const client = faultClient(server.url, {
        auth: authOptions(kind),
        logger,
        logLevel: 'debug',
        timeoutMs: ROOMY_TIMEOUT_MS,
      });

      const { error } = await settle(() => client.keys.get(echo.params ?? PARAMS));
      const raw = await settle(() =>
        client.api.GET('/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}', {
          params: { path: PARAMS },
        }),
      );
      await client.close();

      expect(error).toBeDefined();
      const shown = [error?.message ?? '', error?.stack ?? '', deep(error), asJson(error)];
      // note: a bearer token is short enough to fall inside every excerpt; a Digest header's
      // `response` comes last and may be cut off before it. An HTML error page is summarised by
      // its title, so nothing it quotes is shown at all.
      const summarised = error?.message.includes('an HTML page titled');
      if (kind !== 'digest' && !summarised) expect(shown.join('\n')).toContain('[redacted]');
      const api = [raw.error?.message ?? '', deep(raw.data?.error), asJson(raw.data?.error)];
      expectNothingShown([...shown, ...lines, ...api], server);
    },
  );
});

test('a success that holds the access token is data, returned as sent', async () => {
  // note: a mock's short token, such as "mock", must not blank out a key named after it.
  const { client } = createObservedClient(() => json({ ...KEY, name: 'mock key' }), {
    auth: accessTokenAuth({ accessToken: 'mock' }),
  });
  expect((await client.keys.get(PARAMS)).name).toBe('mock key');
});

describe("a service account's token endpoint", () => {
  const tokenFailures: [string, Fault][] = [
    [
      'a 502 page quoting the token request',
      html(
        502,
        `<pre>Authorization: Basic ${btoa(`${SENTINEL.clientId}:${SENTINEL.clientSecret}`)}</pre>`,
      ),
    ],
    [
      'a refusal whose fields quote the Basic header and the secret',
      jsonFault(
        {
          error: `invalid_client ${SENTINEL.clientSecret}`,
          error_description: `Basic ${btoa(`${SENTINEL.clientId}:${SENTINEL.clientSecret}`)} refused`,
        },
        401,
      ),
    ],
  ];

  test.each(tokenFailures)('that answers %s shows no credential', async (_, fault) => {
    const server = await servers.start();
    server.respond((request) =>
      request.target === '/api/oauth/token' ? fault : jsonFault(apiError(401, 'UNAUTHORIZED'), 401),
    );
    const { logger, lines } = captureLogger();
    const client = faultClient(server.url, {
      auth: authOptions('serviceAccount'),
      logger,
      logLevel: 'debug',
      timeoutMs: ROOMY_TIMEOUT_MS,
    });

    const { error } = await settle(() => client.keys.get(PARAMS));
    await client.close();

    expect(error).toBeInstanceOf(AtlasAuthError);
    const shown = [error?.message ?? '', error?.stack ?? '', deep(error), asJson(error), ...lines];
    for (const text of shown) {
      for (const leak of CREDENTIAL_LEAKS) expect(text).not.toContain(leak);
    }
  });

  test('that answers a body without end is cut off at maxResponseBytes', async () => {
    const server = await servers.start();
    server.respond((request) =>
      request.target === '/api/oauth/token' ? { kind: 'endless' } : jsonFault(KEY),
    );
    const client = faultClient(server.url, {
      auth: authOptions('serviceAccount'),
      maxResponseBytes: 1024,
      timeoutMs: ROOMY_TIMEOUT_MS,
    });

    const { error } = await settle(() => client.keys.get(PARAMS));
    await client.close();

    expect(error).toBeInstanceOf(AtlasAuthError);
    expect(error?.message).toBe(
      `service-account token request to ${server.url}/api/oauth/token answered with more than maxResponseBytes (1024 bytes)`,
    );
    await server.requests[0]?.connectionClosed;
  });
});

/** `levels` nested arrays around `inner`, as JSON text. */
const nested = (levels: number, inner = '1') =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

describe('a body nested deeper than any document of the spec', () => {
  const LEVELS = 50_000;
  const raw = (body: string, status = 200) =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });
  const cases: [
    string,
    () => Response,
    (client: ReturnType<typeof createObservedClient>['client']) => PromiseLike<unknown>,
  ][] = [
    [
      'a key with a field nested 50,000 levels',
      () => raw(`{"apiKeyId":"a1","name":${nested(LEVELS)}}`),
      (client) => client.keys.get(PARAMS),
    ],
    [
      'a 500 whose body is nested 50,000 levels',
      () => raw(nested(LEVELS), 500),
      (client) => client.keys.get(PARAMS),
    ],
    [
      'an envelope whose failed content is nested 50,000 levels',
      () => raw(`{"status":500,"content":${nested(LEVELS)}}`),
      (client) => client.keys.get({ ...PARAMS, envelope: true }),
    ],
    [
      'a page whose key is nested 50,000 levels, iterated',
      () => raw(`{"results":[{"apiKeyId":"a1","name":${nested(LEVELS)}}]}`),
      async (client) => {
        for await (const _ of client.keys.list({ groupId: KEY.groupId })) {
        }
      },
    ],
  ];

  test.each(cases)('is refused with AtlasInvalidResponseError: %s', async (_, answer, call) => {
    const { client } = createObservedClient(answer, { maxRetries: 0 });
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(AtlasInvalidResponseError);
    expect(error.message).toContain('body nested over 64 levels deep');
  });

  test('within the limit is a key like any other', async () => {
    const { client } = createObservedClient(() => json({ ...KEY, extra: JSON.parse(nested(60)) }));
    const key = await client.keys.get(PARAMS);
    expect(key.apiKeyId).toBe(KEY.apiKeyId);
  });
});
