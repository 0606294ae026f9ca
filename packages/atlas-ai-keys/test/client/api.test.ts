import createClient, { type Middleware } from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import type { AtlasOpenApiClient } from '../../src/index.js';
import { accessTokenAuth } from '../../src/index.js';
import { createLazyApiClient } from '../../src/internal/call/lazy-api-client.js';
import { createObservedClient, json, KEY, PARAMS } from '../helpers/observed-fetch.js';

const KEY_PATH = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}';

/** Middleware that marks each request with `name` in an `x-mark` header. */
function marking(name: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.append('x-mark', name);
      return request;
    },
  };
}

describe('client.api', () => {
  test('the typed openapi-fetch client shares auth and headers', async () => {
    const { client, requests } = createObservedClient(() => json(KEY), {
      auth: accessTokenAuth({ accessToken: 'token-1' }),
    });
    const { data, response } = await client.api.GET(
      '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}',
      { params: { path: PARAMS } },
    );
    expect(response.status).toBe(200);
    expect(data?.maskedSecret).toBe(KEY.maskedSecret);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(requests[0]?.headers.get('accept')).toBe('application/vnd.atlas.2025-03-12+json');
  });

  test('middleware registered with use before the first request runs on that request, in order', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    client.api.use(marking('first'), marking('second'));
    await client.api.GET(KEY_PATH, { params: { path: PARAMS } });
    expect(requests[0]?.headers.get('x-mark')).toBe('first, second');
  });

  test('middleware ejected before the first request does not run', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    const ejected = marking('ejected');
    client.api.use(marking('kept'), ejected);
    client.api.eject(ejected);
    await client.api.GET(KEY_PATH, { params: { path: PARAMS } });
    expect(requests[0]?.headers.get('x-mark')).toBe('kept');
  });

  test('use and eject after the first request apply to the next one', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    const early = marking('early');
    client.api.use(early);
    await client.api.GET(KEY_PATH, { params: { path: PARAMS } });
    client.api.eject(early);
    client.api.use(marking('late'));
    await client.api.GET(KEY_PATH, { params: { path: PARAMS } });
    expect(requests.map((request) => request.headers.get('x-mark'))).toEqual(['early', 'late']);
  });

  test('use refuses what is not middleware at once, as openapi-fetch does', () => {
    const { client } = createObservedClient(() => json(KEY));
    expect(() => client.api.use({} as Middleware)).toThrow(
      'Middleware must be an object with one of `onRequest()`',
    );
  });

  test('concurrent first requests both succeed, through one openapi-fetch client', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    // note: openapi-fetch hands middleware its client's options, whose fetch is the one the
    // client was built with: two loads would build two clients, each with its own.
    const fetches: unknown[] = [];
    client.api.use({
      onRequest({ request, options }) {
        fetches.push(options.fetch);
        return request;
      },
    });
    const [get, request] = await Promise.all([
      client.api.GET(KEY_PATH, { params: { path: PARAMS } }),
      client.api.request('get', KEY_PATH, { params: { path: PARAMS } }),
    ]);
    expect([get.data?.apiKeyId, request.data?.apiKeyId]).toEqual([KEY.apiKeyId, KEY.apiKeyId]);
    expect(requests).toHaveLength(2);
    expect(fetches).toHaveLength(2);
    expect(fetches[1]).toBe(fetches[0]);
  });

  test("offers every member of openapi-fetch's client", () => {
    const { client } = createObservedClient(() => json(KEY));
    expect(Object.keys(client.api).sort()).toEqual(Object.keys(createClient()).sort());
  });

  // note: TRACE is left out: fetch refuses it (a forbidden method), with openapi-fetch or without.
  test.each(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'] as const)(
    '%s, taken off client.api before the load, sends its method once loaded',
    async (method) => {
      const { client, requests } = createObservedClient(() => json(KEY));
      const call = client.api[method] as (path: string, init: unknown) => Promise<unknown>;
      await call(KEY_PATH, { params: { path: PARAMS } });
      expect(requests.map((request) => request.method)).toEqual([method]);
    },
  );

  describe('loading openapi-fetch', () => {
    /** A lazy client over openapi-fetch's own; `loads` counts its loads, `finish` ends the next one. */
    function lazyOver(fail?: Error) {
      const requests: Request[] = [];
      const real = createClient({
        baseUrl: 'https://cloud.example.test',
        fetch: async (request: Request) => {
          requests.push(request);
          return json(KEY);
        },
      }) as AtlasOpenApiClient;
      let loads = 0;
      const waiting: Array<() => void> = [];
      const api = createLazyApiClient(() => {
        loads += 1;
        const failure = loads === 1 ? fail : undefined;
        return new Promise((resolve, reject) => {
          waiting.push(() => (failure ? reject(failure) : resolve(real)));
        });
      });
      const finish = () => waiting.shift()?.();
      return { api, requests, finish, loads: () => loads };
    }

    test('nothing is loaded until the first request', () => {
      const { api, loads } = lazyOver();
      api.use(marking('early'));
      api.eject(marking('other'));
      expect(loads()).toBe(0);
    });

    test('requests started while it loads share the one load', async () => {
      const { api, requests, finish, loads } = lazyOver();
      const started = [
        api.GET(KEY_PATH, { params: { path: PARAMS } }),
        api.DELETE(KEY_PATH, { params: { path: PARAMS } }),
        api.request('patch', KEY_PATH, { params: { path: PARAMS }, body: { name: 'renamed' } }),
      ];
      expect(loads()).toBe(1);
      finish();
      const results = await Promise.all(started);
      expect(results.map(({ response }) => response.status)).toEqual([200, 200, 200]);
      expect(requests.map((request) => request.method)).toEqual(['GET', 'DELETE', 'PATCH']);
      await api.GET(KEY_PATH, { params: { path: PARAMS } });
      expect(loads()).toBe(1);
    });

    test('a failed load rejects the requests waiting on it, and the next request loads again', async () => {
      const { api, requests, finish, loads } = lazyOver(
        new Error('the chunk could not be fetched'),
      );
      const waiting = api.GET(KEY_PATH, { params: { path: PARAMS } });
      finish();
      await expect(waiting).rejects.toThrow('the chunk could not be fetched');
      expect(requests).toHaveLength(0);
      const again = api.GET(KEY_PATH, { params: { path: PARAMS } });
      finish();
      expect((await again).data?.apiKeyId).toBe(KEY.apiKeyId);
      expect(loads()).toBe(2);
    });
  });
});
