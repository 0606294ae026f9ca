import { describe, expect, test, vi } from 'vitest';
import {
  type AtlasAiKeysClient,
  AtlasBadRequestError,
  AtlasConnectionError,
  AtlasRateLimitError,
  AtlasServerError,
  accessTokenAuth,
} from '../../src/index.js';
import { advance, FAKE_NOW, useFakeClock, watchSettled } from '../helpers/fake-clock.js';
import {
  apiError,
  createObservedClient,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

/**
 * A POST through the typed openapi-fetch client. The spec has no POST operation yet, so the
 * client's types are widened; the transport treats it as any POST.
 */
function post(client: AtlasAiKeysClient): Promise<{ response: Response }> {
  const api = client.api as unknown as {
    POST(path: string, init: object): Promise<{ response: Response }>;
  };
  return api.POST('/api/atlas/v2/groups/{groupId}/aiModelApiKeys', {
    params: { path: { groupId: PARAMS.groupId } },
    body: { name: 'embeddings-production' },
  });
}

const failThenSucceed =
  (failures: number, failure: () => Response | Promise<Response>) =>
  (_: Request, attempt: number) =>
    attempt < failures ? failure() : json(KEY);

describe('retries', () => {
  test.each([429, 500, 502, 503, 504])(
    'a GET answered %i is retried and then succeeds',
    async (status) => {
      const { client, requests } = createObservedClient(
        failThenSucceed(1, () => json(apiError(status, 'X'), status)),
      );
      await expect(client.keys.get(PARAMS)).resolves.toEqual(KEY);
      expect(requests).toHaveLength(2);
    },
  );

  test.each([400, 401, 403, 404, 409, 501])('a %i is never retried', async (status) => {
    const { client, requests } = createObservedClient(() => json(apiError(status, 'X'), status));
    await expect(client.keys.get(PARAMS)).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  test('a connection failure is retried', async () => {
    const { client, requests } = createObservedClient(
      failThenSucceed(2, () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(client.keys.get(PARAMS)).resolves.toEqual(KEY);
    expect(requests).toHaveLength(3);
  });

  test('gives up after maxRetries with the last typed error', async () => {
    const { client, requests } = createObservedClient(
      () => json(apiError(503, 'SERVICE_UNAVAILABLE'), 503),
      {
        maxRetries: 3,
      },
    );
    await expect(client.keys.get(PARAMS)).rejects.toBeInstanceOf(AtlasServerError);
    expect(requests).toHaveLength(4);
  });

  test('gives up on connection failures with AtlasConnectionError carrying the cause', async () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { client, requests } = createObservedClient(() => Promise.reject(cause));
    const error = await rejectionOf(client.keys.get(PARAMS));
    expect(error).toBeInstanceOf(AtlasConnectionError);
    expect(error.message).toMatch(
      /^connection to https:\/\/cloud\.example\.test failed \(ECONNREFUSED\) on GET \/api/,
    );
    expect(error.cause).toBe(cause);
    expect(requests).toHaveLength(3);
  });

  test('maxRetries: 0 turns retries off, per client and per request', async () => {
    const answer = () => json(apiError(503, 'X'), 503);
    const perClient = createObservedClient(answer, { maxRetries: 0 });
    await expect(perClient.client.keys.get(PARAMS)).rejects.toBeInstanceOf(AtlasServerError);
    expect(perClient.requests).toHaveLength(1);

    const perRequest = createObservedClient(answer);
    await expect(perRequest.client.keys.get(PARAMS, { maxRetries: 0 })).rejects.toBeInstanceOf(
      AtlasServerError,
    );
    expect(perRequest.requests).toHaveLength(1);
  });

  test('each attempt authenticates again', async () => {
    const { client, requests } = createObservedClient(
      failThenSucceed(2, () => json(apiError(500, 'X'), 500)),
      { auth: accessTokenAuth({ accessToken: 'tok' }) },
    );
    await client.keys.get(PARAMS);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer tok',
      'Bearer tok',
      'Bearer tok',
    ]);
  });

  test('a 400 is returned at once, without retry', async () => {
    const { client, requests } = createObservedClient(() =>
      json(apiError(400, 'VALIDATION_ERROR'), 400),
    );
    await expect(client.keys.get(PARAMS)).rejects.toBeInstanceOf(AtlasBadRequestError);
    expect(requests).toHaveLength(1);
  });
  describe('a 5xx is retried only for methods that are safe to repeat', () => {
    test.each([500, 502, 503, 504])(
      'a POST answered %i is not retried, as it may have taken effect',
      async (status) => {
        const { client, requests } = createObservedClient(() =>
          json(apiError(status, 'X'), status),
        );
        const { response } = await post(client);
        expect(response.status).toBe(status);
        expect(requests.map((request) => request.method)).toEqual(['POST']);
      },
    );

    test.each([500, 502, 503, 504])(
      'a GET answered %i is retried up to maxRetries, as repeating it is safe',
      async (status) => {
        const { client, requests } = createObservedClient(() =>
          json(apiError(status, 'X'), status),
        );
        await expect(client.keys.get(PARAMS)).rejects.toMatchObject({ status });
        expect(requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
      },
    );

    test('a POST answered 429 is retried, as the server refused it before acting on it', async () => {
      const { client, requests } = createObservedClient(
        failThenSucceed(1, () => json(apiError(429, 'RATE_LIMITED'), 429)),
      );
      const { response } = await post(client);
      expect(response.status).toBe(200);
      expect(requests.map((request) => request.method)).toEqual(['POST', 'POST']);
    });
  });

  describe('waiting between attempts, on a fake clock', () => {
    useFakeClock();

    test('honours Retry-After in seconds: the retry goes out after exactly that long', async () => {
      const { client, requests } = createObservedClient(
        failThenSucceed(1, () => json(apiError(429, 'RATE_LIMITED'), 429, { 'retry-after': '2' })),
      );
      const call = client.keys.get(PARAMS);

      await advance(1999);
      expect(requests).toHaveLength(1);
      await advance(1);
      expect(requests).toHaveLength(2);
      await expect(call).resolves.toEqual(KEY);
    });

    test('honours Retry-After as an HTTP date: the retry goes out when that date arrives', async () => {
      const { client, requests } = createObservedClient(
        failThenSucceed(1, () =>
          json(apiError(503, 'SERVICE_UNAVAILABLE'), 503, {
            'retry-after': new Date(FAKE_NOW.getTime() + 3000).toUTCString(),
          }),
        ),
      );
      const call = client.keys.get(PARAMS);

      await advance(2999);
      expect(requests).toHaveLength(1);
      await advance(1);
      expect(requests).toHaveLength(2);
      await expect(call).resolves.toEqual(KEY);
    });

    test('a Retry-After beyond the cap ends retries at once with retryAfterMs', async () => {
      const { client, requests } = createObservedClient(
        () => json(apiError(429, 'RATE_LIMITED_TOKEN_BUCKET'), 429, { 'retry-after': '55' }),
        { retry: { maxRetryAfterMs: 10_000 } },
      );
      const error = await rejectionOf(client.keys.get(PARAMS));
      expect(error).toBeInstanceOf(AtlasRateLimitError);
      expect(error.retryAfterMs).toBe(55_000);
      expect(requests).toHaveLength(1);
    });

    test('backs off exponentially with up to 25 % jitter: 75–100 ms, then 150–200 ms', async () => {
      const sentAt: number[] = [];
      const { client } = createObservedClient(
        () => {
          sentAt.push(performance.now());
          return json(apiError(500, 'X'), 500);
        },
        { maxRetries: 2, retry: { baseDelayMs: 100, maxDelayMs: 1000 } },
      );
      const call = watchSettled(client.keys.get(PARAMS));

      await vi.runAllTimersAsync();
      expect(call.settled).toBe(true);
      const [first = 0, second = 0, third = 0] = sentAt;
      expect(second - first).toBeGreaterThanOrEqual(75);
      expect(second - first).toBeLessThanOrEqual(100);
      expect(third - second).toBeGreaterThanOrEqual(150);
      expect(third - second).toBeLessThanOrEqual(200);
    });

    test('takes the jitter off the doubled delay and never waits beyond maxDelayMs', async () => {
      const sentAt: number[] = [];
      const { client } = createObservedClient(
        () => {
          sentAt.push(performance.now());
          return json(apiError(503, 'X'), 503);
        },
        { maxRetries: 4, retry: { baseDelayMs: 100, maxDelayMs: 300 } },
      );
      const random = vi.spyOn(Math, 'random').mockReturnValue(1);
      const call = client.keys.get(PARAMS).catch(() => undefined);

      await vi.runAllTimersAsync();
      await call;
      random.mockRestore();
      const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] ?? 0));
      // note: a random draw of 1 takes the full 25 % off: 75, 150, then 225 (300 capped) twice.
      expect(gaps).toEqual([75, 150, 225, 225]);
    });
  });
});
