import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthContext, Authenticator } from '../../src/auth/authenticator.js';
import { formUrlEncode } from '../../src/auth/oauth-client.js';
import {
  DEFAULT_REFRESH_MARGIN_MS,
  ServiceAccountAuthenticator,
  type ServiceAccountAuthenticatorOptions,
  serviceAccountAuth,
} from '../../src/auth/service-account.js';
import { AtlasAuthError, AtlasValidationError } from '../../src/errors.js';
import { FAKE_NOW } from '../helpers/fake-clock.js';
import {
  type CannedAnswer,
  call,
  callMany,
  captureLogger,
  MockOAuthServer,
  StrictOAuthServer,
} from './oauth-servers.js';

// note: characters that Basic and form encoding treat specially, to prove both are applied.
const CLIENT_ID = 'mdb_sa_id: +%/é';
const CLIENT_SECRET = "SECRET-SENTINEL:+ %&=~*!'()";
// Written out by hand from Go's url.QueryEscape, not computed by the code under test.
const ENCODED_ID = 'mdb_sa_id%3A+%2B%25%2F%C3%A9';
const ENCODED_SECRET = 'SECRET-SENTINEL%3A%2B+%25%26%3D~%2A%21%27%28%29';
const EXPECTED_BASIC = `Basic ${Buffer.from(`${ENCODED_ID}:${ENCODED_SECRET}`).toString('base64')}`;
const CREDENTIALS = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

/** Every string a leak would show up as. */
const SECRET_MARKS = ['SECRET-SENTINEL', 'TOKEN-SENTINEL', EXPECTED_BASIC.slice('Basic '.length)];

function expectNoSecrets(text: string) {
  for (const mark of SECRET_MARKS) expect(text).not.toContain(mark);
}

function contextFor(
  baseUrl: URL,
  overrides: Partial<AuthContext> = {},
): AuthContext & { lines: string[] } {
  const { logger, lines } = captureLogger();
  return {
    fetch: globalThis.fetch,
    baseUrl,
    logger,
    lines,
    maxResponseBytes: 1 << 20,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('service-account authenticator against a strict token endpoint', () => {
  let server: StrictOAuthServer;
  let authenticator: Authenticator | undefined;

  beforeEach(async () => {
    server = await StrictOAuthServer.start({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await authenticator?.close();
    authenticator = undefined;
    await server.stop();
  });

  function create(
    options?: ServiceAccountAuthenticatorOptions,
    context = contextFor(server.baseUrl),
  ) {
    authenticator = new ServiceAccountAuthenticator(CREDENTIALS, context, options);
    return authenticator;
  }

  describe('the token request', () => {
    it('is a POST to /api/oauth/token with exactly the headers and body Atlas expects', async () => {
      const response = await call(create(), server.apiUrl);

      expect(response.status).toBe(200);
      expect(server.violations).toEqual([]);
      expect(server.tokenRequests).toEqual([
        {
          method: 'POST',
          path: '/api/oauth/token',
          authorization: EXPECTED_BASIC,
          contentType: 'application/x-www-form-urlencoded',
          accept: 'application/json',
          body: 'grant_type=client_credentials',
        },
      ]);
      expect(server.apiAuthorizations).toEqual([`Bearer ${server.issued[0]}`]);
    });

    it('keeps the base URL path as a prefix, as the API paths do', async () => {
      const prefixed = await StrictOAuthServer.start({ ...CREDENTIALS, prefix: '/proxy/atlas' });
      try {
        const response = await call(create({}, contextFor(prefixed.baseUrl)), prefixed.apiUrl);
        expect(response.status).toBe(200);
        expect(prefixed.tokenRequests.map((request) => request.path)).toEqual([
          '/proxy/atlas/api/oauth/token',
        ]);
        expect(prefixed.violations).toEqual([]);
      } finally {
        await authenticator?.close();
        await prefixed.stop();
      }
    });

    it.each([
      ['a space', ' ', '+'],
      ['a colon', 'a:b', 'a%3Ab'],
      ['a plus', '+', '%2B'],
      ['a percent sign', '%', '%25'],
      ['unreserved characters', 'az-_.~09', 'az-_.~09'],
      ["the characters encodeURIComponent leaves alone: !'()*", "!'()*", '%21%27%28%29%2A'],
      ['URL delimiters', '/?#&=', '%2F%3F%23%26%3D'],
      ['non-ASCII as UTF-8', 'é😀', '%C3%A9%F0%9F%98%80'],
    ])('form-URL-encodes %s as Go url.QueryEscape does', (_name, text, encoded) => {
      expect(formUrlEncode(text)).toBe(encoded);
    });

    it('lets an abort of the request signal propagate unchanged', async () => {
      server.tokenDelayMs = 500;
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      setTimeout(() => controller.abort(reason), 50);

      expect(await rejection(call(create(), server.apiUrl, controller.signal))).toBe(reason);
    });

    it('lets a timeout of the request signal propagate as a TimeoutError', async () => {
      server.tokenDelayMs = 500;
      const error = await rejection(call(create(), server.apiUrl, AbortSignal.timeout(50)));

      expect(error).not.toBeInstanceOf(AtlasAuthError);
      expect(error).toMatchObject({ name: 'TimeoutError' });
    });
  });

  describe('caching', () => {
    it('makes exactly one token request for 100 calls at concurrency 10', async () => {
      const statuses = await callMany(create(), server.apiUrl, 100, 10);

      expect(statuses).toEqual(Array(100).fill(200));
      expect(server.tokenRequests).toHaveLength(1);
      expect(server.apiAuthorizations).toHaveLength(100);
    });

    it.each([
      ['keeps a one-hour token until 60 s before expiry', 3600, 60_000, 3_539_999, 1],
      ['refreshes a one-hour token 60 s before expiry', 3600, 60_000, 3_540_000, 2],
      ['keeps a 10 s token for the first half of its life', 10, 60_000, 4_999, 1],
      ['refreshes a 10 s token at half its life', 10, 60_000, 5_000, 2],
      ['keeps a 2 s token with a 1 s margin for 1 s', 2, 1_000, 999, 1],
      ['refreshes a 2 s token with a 1 s margin after 1 s', 2, 1_000, 1_000, 2],
      ['takes a missing expires_in for one hour', undefined, 60_000, 3_539_999, 1],
      ['refreshes a token of unknown lifetime after 59 minutes', undefined, 60_000, 3_540_000, 2],
    ])('%s', async (_name, expiresIn, refreshMarginMs, ageMs, tokenRequests) => {
      server.expiresIn = expiresIn;
      let now = 1_000_000;
      const sa = create({ refreshMarginMs, now: () => now });

      expect((await call(sa, server.apiUrl)).status).toBe(200);
      now += ageMs;
      expect((await call(sa, server.apiUrl)).status).toBe(200);

      expect(server.tokenRequests).toHaveLength(tokenRequests);
    });

    it.each([
      ['keeps a one-hour token until 60 s before it expires', 3_539_999, 1],
      ['refreshes a one-hour token 60 s before it expires', 3_540_000, 2],
    ])(
      '%s, counted from when its request left though the answer took 30 s',
      async (_name, ageMs, tokenRequests) => {
        server.expiresIn = 3600;
        let now = 1_000_000;
        const requestedAt = now;
        // note: the clock moves on while the token request is in flight, as latency would move it.
        const slowTokenFetch: typeof fetch = (input, init) => {
          if (new URL((input as Request).url).pathname.endsWith('/token')) now += 30_000;
          return fetch(input, init);
        };
        const sa = create(
          { refreshMarginMs: 60_000, now: () => now },
          contextFor(server.baseUrl, { fetch: slowTokenFetch }),
        );

        expect((await call(sa, server.apiUrl)).status).toBe(200);
        now = requestedAt + ageMs;
        expect((await call(sa, server.apiUrl)).status).toBe(200);

        expect(server.tokenRequests).toHaveLength(tokenRequests);
      },
    );

    it('uses a 60 s margin by default', async () => {
      let now = 0;
      const sa = create({ now: () => now });
      await call(sa, server.apiUrl);
      now = 3_600_000 - DEFAULT_REFRESH_MARGIN_MS - 1;
      await call(sa, server.apiUrl);
      expect(server.tokenRequests).toHaveLength(1);
      now += 1;
      await call(sa, server.apiUrl);

      expect(DEFAULT_REFRESH_MARGIN_MS).toBe(60_000);
      expect(server.tokenRequests).toHaveLength(2);
    });

    it('goes by Date.now when given no clock: a 2 s token with a 1 s margin is kept for 999 ms, then refreshed', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: FAKE_NOW });
      server.expiresIn = 2;
      const sa = create({ refreshMarginMs: 1_000 });
      await call(sa, server.apiUrl);
      vi.setSystemTime(FAKE_NOW.getTime() + 999);
      await call(sa, server.apiUrl);
      expect(server.tokenRequests).toHaveLength(1);
      vi.setSystemTime(FAKE_NOW.getTime() + 1_000);
      await call(sa, server.apiUrl);

      expect(server.tokenRequests).toHaveLength(2);
      expect(server.apiAuthorizations).toEqual([0, 0, 1].map((i) => `Bearer ${server.issued[i]}`));
    });
  });

  describe('concurrent callers', () => {
    it('share one token request while it is under way', async () => {
      server.tokenDelayMs = 100;
      const sa = create();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => call(sa, server.apiUrl)),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      expect(server.tokenRequests).toHaveLength(1);
    });

    it('all receive the error of a failed token request, which is not cached', async () => {
      server.tokenDelayMs = 50;
      server.cannedTokenAnswers.push({ status: 500, body: '{"error":"server_error"}' });
      const sa = create();
      const errors = await Promise.all(
        Array.from({ length: 5 }, () => rejection(call(sa, server.apiUrl))),
      );

      for (const error of errors)
        expect(error).toMatchObject({ name: 'AtlasAuthError', status: 500 });
      expect(server.tokenRequests).toHaveLength(1);
      expect((await call(sa, server.apiUrl)).status).toBe(200);
      expect(server.tokenRequests).toHaveLength(2);
    });

    it('keep the shared token request when one of them aborts', async () => {
      server.tokenDelayMs = 200;
      const sa = create();
      const quitter = new AbortController();
      const reason = new Error('quit');
      setTimeout(() => quitter.abort(reason), 50);
      const [left, stayed] = await Promise.allSettled([
        call(sa, server.apiUrl, quitter.signal),
        call(sa, server.apiUrl),
      ]);

      expect(left).toEqual({ status: 'rejected', reason });
      expect(stayed).toMatchObject({ status: 'fulfilled', value: { status: 200 } });
      expect(server.tokenRequests).toHaveLength(1);
    });

    it('abort the token request once every one of them has given up', async () => {
      server.tokenDelayMs = 300;
      const signals: AbortSignal[] = [];
      const fetchSpy: typeof fetch = (input, init) => {
        signals.push((input as Request).signal);
        return fetch(input, init);
      };
      const sa = create({}, contextFor(server.baseUrl, { fetch: fetchSpy }));
      const controllers = [new AbortController(), new AbortController()];
      const calls = controllers.map((c) => rejection(call(sa, server.apiUrl, c.signal)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      controllers[0]?.abort();
      expect(signals[0]?.aborted).toBe(false);
      controllers[1]?.abort();
      await Promise.all(calls);

      expect(signals).toHaveLength(1);
      expect(signals[0]?.aborted).toBe(true);
    });
  });

  describe('a 401 from the API', () => {
    it('with a cached token drops it, fetches one new token and retries once', async () => {
      const sa = create();
      await call(sa, server.apiUrl);
      server.refused.add(server.issued[0] ?? '');
      const response = await call(sa, server.apiUrl);

      expect(response.status).toBe(200);
      expect(server.tokenRequests).toHaveLength(2);
      expect(server.apiAuthorizations).toEqual([
        `Bearer ${server.issued[0]}`,
        `Bearer ${server.issued[0]}`,
        `Bearer ${server.issued[1]}`,
      ]);
    });

    it('with a token fetched for this call is final', async () => {
      server.refuseAll = true;
      const response = await call(create(), server.apiUrl);

      expect(response.status).toBe(401);
      expect(server.tokenRequests).toHaveLength(1);
      expect(server.apiAuthorizations).toHaveLength(1);
    });

    it('on the retry is final', async () => {
      const sa = create();
      await call(sa, server.apiUrl);
      server.refuseAll = true;
      const response = await call(sa, server.apiUrl);

      expect(response.status).toBe(401);
      expect(server.tokenRequests).toHaveLength(2);
      expect(server.apiAuthorizations).toHaveLength(3);
    });

    it('on many concurrent calls with the same cached token fetches one replacement', async () => {
      const sa = create();
      await call(sa, server.apiUrl);
      server.refused.add(server.issued[0] ?? '');
      // note: staggered, so late 401s on the old token arrive after its replacement is cached.
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          sa.send(
            { method: 'GET', url: server.apiUrl, signal: new AbortController().signal },
            async (authorization) => {
              await new Promise((resolve) => setTimeout(resolve, i * 15));
              return fetch(server.apiUrl, { headers: authorization ? { authorization } : {} });
            },
          ),
        ),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(server.tokenRequests).toHaveLength(2);
    });
  });

  describe('a failing token endpoint, named in the error', () => {
    const cases: [string, CannedAnswer, Record<string, unknown>, RegExp][] = [
      [
        'a 401 invalid_client carries the OAuth error and description',
        {
          status: 401,
          body: '{"error":"invalid_client","error_description":"Invalid client credentials"}',
        },
        {
          status: 401,
          oauthError: 'invalid_client',
          oauthErrorDescription: 'Invalid client credentials',
        },
        /HTTP 401: invalid_client \(Invalid client credentials\)/,
      ],
      [
        'a 403 access_denied points at the 100-token limit',
        {
          status: 403,
          body: '{"error":"access_denied","error_description":"Access Token limit reached"}',
        },
        { status: 403, oauthError: 'access_denied' },
        /at most 100 active tokens/,
      ],
      [
        'a 200 whose body is not JSON',
        { status: 200, body: '<html>TOKEN-SENTINEL</html>', contentType: 'text/html' },
        { status: 200, oauthError: undefined },
        /not a JSON object/,
      ],
      [
        'a 200 without access_token',
        { status: 200, body: '{"token_type":"Bearer","expires_in":3600}' },
        { status: 200 },
        /has no access_token/,
      ],
      [
        'a 200 whose token_type is not Bearer',
        { status: 200, body: '{"access_token":"TOKEN-SENTINEL","token_type":"mac"}' },
        { status: 200 },
        /token_type other than Bearer/,
      ],
      [
        'a 200 whose access_token could not be sent in a header',
        { status: 200, body: '{"access_token":"TOKEN-SENTINEL\\r\\nX: y","token_type":"Bearer"}' },
        { status: 200 },
        /cannot be sent in a header/,
      ],
      [
        'a 500 with an HTML page',
        { status: 500, body: '<html>oops</html>', contentType: 'text/html' },
        { status: 500, oauthError: undefined, oauthErrorDescription: undefined },
        /HTTP 500$/,
      ],
      [
        'a description that quotes the client secret is redacted',
        {
          status: 401,
          body: JSON.stringify({
            error: 'invalid_client',
            error_description: `bad secret ${CLIENT_SECRET}`,
          }),
        },
        { status: 401, oauthErrorDescription: 'bad secret [redacted]' },
        /bad secret \[redacted\]/,
      ],
    ];

    it.each(cases)('%s', async (_name, answer, fields, message) => {
      server.cannedTokenAnswers.push(answer);
      const error = await rejection(call(create(), server.apiUrl));

      expect(error).toBeInstanceOf(AtlasAuthError);
      expect(error).toMatchObject(fields);
      expect((error as Error).message).toMatch(message);
      // note: the token URL is where to look; the base URL it comes from holds no credentials.
      expect((error as Error).message).toContain(` ${server.baseUrl.origin}/api/oauth/token `);
      expectNoSecrets(inspect(error));
      expect(server.apiAuthorizations).toEqual([]);
    });

    it('that cannot be reached gives an AtlasAuthError with the network error as cause', async () => {
      const closed = await StrictOAuthServer.start(CREDENTIALS);
      const { baseUrl, apiUrl } = closed;
      await closed.stop();
      const error = await rejection(call(create({}, contextFor(baseUrl)), apiUrl));

      expect(error).toBeInstanceOf(AtlasAuthError);
      expect((error as Error).message).toBe(
        `service-account token request to ${baseUrl.origin}/api/oauth/token failed before a complete answer arrived`,
      );
      expect((error as AtlasAuthError).status).toBeUndefined();
      expect((error as Error).cause).toBeInstanceOf(TypeError);
      expectNoSecrets(inspect(error));
    });

    it('withholds a network error as cause when it quotes the credentials', async () => {
      const leaky: typeof fetch = async (input) => {
        const header = (input as Request).headers.get('authorization');
        throw new TypeError('fetch failed', { cause: new Error(`refused ${header}`) });
      };
      const error = await rejection(
        call(create({}, contextFor(server.baseUrl, { fetch: leaky })), server.apiUrl),
      );

      expect(error).toBeInstanceOf(AtlasAuthError);
      expect(String((error as Error).cause)).toMatch(/details withheld/);
      expectNoSecrets(inspect(error, { depth: Infinity }));
    });
  });

  describe('close()', () => {
    it('revokes the current token with the Basic header and form body Atlas expects', async () => {
      const sa = create();
      await call(sa, server.apiUrl);
      await sa.close();

      expect(server.violations).toEqual([]);
      expect(server.revokeRequests).toEqual([
        {
          method: 'POST',
          path: '/api/oauth/revoke',
          authorization: EXPECTED_BASIC,
          contentType: 'application/x-www-form-urlencoded',
          accept: 'application/json',
          body: `token=${server.issued[0]}&token_type_hint=access_token`,
        },
      ]);
    });

    it('empties the cache, so a later call fetches a new token', async () => {
      const sa = create();
      await call(sa, server.apiUrl);
      await sa.close();
      await sa.close();

      expect((await call(sa, server.apiUrl)).status).toBe(200);
      expect(server.tokenRequests).toHaveLength(2);
      expect(server.revokeRequests).toHaveLength(1);
    });

    it('makes no request when no token is held', async () => {
      await create().close();

      expect(server.revokeRequests).toEqual([]);
      expect(server.tokenRequests).toEqual([]);
    });

    it('waits for a token request under way, then revokes that token', async () => {
      server.tokenDelayMs = 150;
      const sa = create();
      const pending = call(sa, server.apiUrl).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sa.close();
      await pending;

      expect(server.tokenRequests).toHaveLength(1);
      expect(server.revokeRequests.map((request) => request.body)).toEqual([
        `token=${server.issued[0]}&token_type_hint=access_token`,
      ]);
    });

    it.each([
      [
        'an error status',
        /^debug POST http:\S+\/api\/oauth\/revoke → 503 in \d+ ms \(service account token revocation\) /,
        (s: StrictOAuthServer) => {
          s.revokeStatus = 503;
        },
      ],
      [
        'a network failure',
        /^debug atlas service account: token revocation failed/,
        (s: StrictOAuthServer) => s.stop(),
      ],
    ])('swallows %s and logs it at debug', async (_name, line, breakIt) => {
      const context = contextFor(server.baseUrl);
      const sa = create({}, context);
      await call(sa, server.apiUrl);
      await breakIt(server);
      await expect(sa.close()).resolves.toBeUndefined();

      expect(context.lines.some((logged) => line.test(logged))).toBe(true);
      for (const line of context.lines) expectNoSecrets(line);
    });
  });

  describe('origins', () => {
    it('sends no Authorization and fetches no token for another origin', async () => {
      const response = await call(create(), server.otherOriginApiUrl);

      expect(response.status).toBe(401);
      expect(server.apiAuthorizations).toEqual([undefined]);
      expect(server.tokenRequests).toEqual([]);
    });
  });

  describe('secrets', () => {
    it('never show in inspection, JSON, errors, stacks or debug logs', async () => {
      const context = contextFor(server.baseUrl);
      const sa = create({}, context);
      const errors: unknown[] = [];
      await call(sa, server.apiUrl);
      server.refused.add(server.issued[0] ?? '');
      await call(sa, server.apiUrl);
      await sa.close();
      server.cannedTokenAnswers.push(
        {
          status: 401,
          body: JSON.stringify({ error: 'invalid_client', error_description: CLIENT_SECRET }),
        },
        { status: 200, body: '{"access_token":"TOKEN-SENTINEL bad"}' },
        { status: 200, body: 'TOKEN-SENTINEL' },
      );
      for (let i = 0; i < 3; i++) errors.push(await rejection(call(sa, server.apiUrl)));
      await call(sa, server.apiUrl);
      server.revokeStatus = 500;
      await sa.close();

      expect(server.issued.length).toBeGreaterThanOrEqual(3);
      expectNoSecrets(inspect(sa, { depth: Infinity, showHidden: true }));
      expectNoSecrets(JSON.stringify(sa));
      for (const error of errors) {
        expectNoSecrets(inspect(error, { depth: Infinity, showHidden: true }));
        expectNoSecrets(`${(error as Error).message} ${(error as Error).stack}`);
        expectNoSecrets(JSON.stringify(error));
      }
      expect(context.lines.length).toBeGreaterThan(5);
      for (const line of context.lines) expectNoSecrets(line);
    });
  });

  describe('configuration', () => {
    it.each([
      ['an empty client id', { clientId: '', clientSecret: CLIENT_SECRET }, 'clientId'],
      ['an empty client secret', { clientId: CLIENT_ID, clientSecret: '' }, 'clientSecret'],
      [
        'a secret that is not a string',
        { clientId: CLIENT_ID, clientSecret: 42 as unknown as string },
        'clientSecret',
      ],
    ])('rejects %s without quoting it', (_name, credentials, field) => {
      const error = (() => {
        try {
          serviceAccountAuth(credentials);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(AtlasValidationError);
      expect(error).toMatchObject({ field });
      expectNoSecrets(String(error));
    });
  });
});

describe('service-account authenticator against oauth2-mock-server', () => {
  let mock: MockOAuthServer;
  let authenticator: Authenticator | undefined;
  const tokenRequests: {
    authorization?: string;
    contentType?: string;
    accept?: string;
    body: unknown;
  }[] = [];

  beforeAll(async () => {
    mock = await MockOAuthServer.start();
  });

  afterAll(() => mock.stop());

  beforeEach(() => {
    mock.reset();
    tokenRequests.length = 0;
    // note: the mock authenticates no client, so its hook checks what it received instead.
    mock.service.on('beforeResponse', (_response, request) => {
      tokenRequests.push({
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        accept: request.headers.accept,
        body: { ...request.body },
      });
    });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await authenticator?.close();
    authenticator = undefined;
  });

  function create(options?: ServiceAccountAuthenticatorOptions) {
    authenticator = new ServiceAccountAuthenticator(CREDENTIALS, contextFor(mock.baseUrl), options);
    return authenticator;
  }

  it('obtains a signed JWT the API accepts, asking with the Basic header and form body', async () => {
    const response = await call(create(), mock.apiUrl);

    expect(response.status).toBe(200);
    expect(tokenRequests).toEqual([
      {
        authorization: EXPECTED_BASIC,
        contentType: 'application/x-www-form-urlencoded',
        accept: 'application/json',
        body: { grant_type: 'client_credentials' },
      },
    ]);
    const token = mock.apiAuthorizations[0]?.replace(/^Bearer /, '') ?? '';
    expect(mock.verifies(token)).toBe(true);
  });

  it('makes one token request for 100 calls at concurrency 10', async () => {
    const statuses = await callMany(create(), mock.apiUrl, 100, 10);

    expect(statuses).toEqual(Array(100).fill(200));
    expect(tokenRequests).toHaveLength(1);
    expect(new Set(mock.apiAuthorizations).size).toBe(1);
  });

  it('fetches a new token when a 2 s token reaches its 1 s margin on Date.now', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: FAKE_NOW });
    mock.service.on('beforeTokenSigning', (token) => {
      token.payload.exp = Math.floor(Date.now() / 1000) + 2;
    });
    mock.service.on('beforeResponse', (response) => {
      if (response.body !== '') response.body.expires_in = 2;
    });
    const sa = create({ refreshMarginMs: 1_000 });
    expect((await call(sa, mock.apiUrl)).status).toBe(200);
    vi.setSystemTime(FAKE_NOW.getTime() + 1_000);
    expect((await call(sa, mock.apiUrl)).status).toBe(200);

    expect(tokenRequests).toHaveLength(2);
    expect(new Set(mock.apiAuthorizations).size).toBe(2);
  });

  it('turns an invalid_client answer into an AtlasAuthError', async () => {
    mock.service.once('beforeResponse', (response) => {
      response.statusCode = 401;
      response.body = { error: 'invalid_client', error_description: 'Invalid client credentials' };
    });
    const error = await rejection(call(create(), mock.apiUrl));

    expect(error).toBeInstanceOf(AtlasAuthError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client' });
  });

  it('revokes its token on close() at /api/oauth/revoke', async () => {
    const revokes: (string | undefined)[] = [];
    mock.service.on('beforeRevoke', (_response, request) => {
      revokes.push(request.headers.authorization);
    });
    const sa = create();
    await call(sa, mock.apiUrl);
    await sa.close();
    const token = mock.apiAuthorizations[0]?.replace(/^Bearer /, '');

    expect(revokes).toEqual([EXPECTED_BASIC]);
    expect(mock.revokeBodies).toEqual([`token=${token}&token_type_hint=access_token`]);
  });
});
