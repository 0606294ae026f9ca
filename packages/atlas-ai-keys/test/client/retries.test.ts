import { describe, expect, test } from 'vitest';
import {
  AtlasBadRequestError,
  AtlasConnectionError,
  AtlasRateLimitError,
  AtlasServerError,
  accessTokenAuth,
} from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

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
      await expect(client.getGroupAiModelApiKey(PARAMS)).resolves.toEqual(KEY);
      expect(requests).toHaveLength(2);
    },
  );

  test.each([400, 401, 403, 404, 409, 501])('a %i is never retried', async (status) => {
    const { client, requests } = createObservedClient(() => json(apiError(status, 'X'), status));
    await expect(client.getGroupAiModelApiKey(PARAMS)).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  test('a connection failure is retried', async () => {
    const { client, requests } = createObservedClient(
      failThenSucceed(2, () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(client.getGroupAiModelApiKey(PARAMS)).resolves.toEqual(KEY);
    expect(requests).toHaveLength(3);
  });

  test('gives up after maxRetries with the last typed error', async () => {
    const { client, requests } = createObservedClient(
      () => json(apiError(503, 'SERVICE_UNAVAILABLE'), 503),
      {
        maxRetries: 3,
      },
    );
    await expect(client.getGroupAiModelApiKey(PARAMS)).rejects.toBeInstanceOf(AtlasServerError);
    expect(requests).toHaveLength(4);
  });

  test('gives up on connection failures with AtlasConnectionError carrying the cause', async () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { client, requests } = createObservedClient(() => Promise.reject(cause));
    const error = await rejectionOf(client.getGroupAiModelApiKey(PARAMS));
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
    await expect(perClient.client.getGroupAiModelApiKey(PARAMS)).rejects.toBeInstanceOf(
      AtlasServerError,
    );
    expect(perClient.requests).toHaveLength(1);

    const perRequest = createObservedClient(answer);
    await expect(
      perRequest.client.getGroupAiModelApiKey(PARAMS, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(AtlasServerError);
    expect(perRequest.requests).toHaveLength(1);
  });

  test('honours Retry-After in seconds', async () => {
    const { client, requests } = createObservedClient(
      failThenSucceed(1, () => json(apiError(429, 'RATE_LIMITED'), 429, { 'retry-after': '1' })),
    );
    const started = performance.now();
    await client.getGroupAiModelApiKey(PARAMS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(requests).toHaveLength(2);
  });

  test('honours Retry-After as an HTTP date', async () => {
    const { client, requests } = createObservedClient(
      failThenSucceed(1, () =>
        json(apiError(503, 'SERVICE_UNAVAILABLE'), 503, {
          'retry-after': new Date(Date.now() + 1500).toUTCString(),
        }),
      ),
    );
    const started = performance.now();
    await client.getGroupAiModelApiKey(PARAMS);
    // note: an HTTP date has whole-second precision, so the wait is between 0.5 and 1.5 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(requests).toHaveLength(2);
  });

  test('a Retry-After beyond the cap ends retries at once with retryAfterMs', async () => {
    const { client, requests } = createObservedClient(
      () => json(apiError(429, 'RATE_LIMITED_TOKEN_BUCKET'), 429, { 'retry-after': '55' }),
      { retry: { maxRetryAfterMs: 10_000 } },
    );
    const error = await rejectionOf(client.getGroupAiModelApiKey(PARAMS));
    expect(error).toBeInstanceOf(AtlasRateLimitError);
    expect(error.retryAfterMs).toBe(55_000);
    expect(requests).toHaveLength(1);
  });

  test('backs off exponentially between attempts', async () => {
    const times: number[] = [];
    const { client } = createObservedClient(
      () => {
        times.push(performance.now());
        return json(apiError(500, 'X'), 500);
      },
      { maxRetries: 2, retry: { baseDelayMs: 100, maxDelayMs: 1000 } },
    );
    await client.getGroupAiModelApiKey(PARAMS).catch(() => {});
    const [a = 0, b = 0, c = 0] = times;
    // note: jitter takes up to 25 % off each delay: 75–100 ms, then 150–200 ms.
    expect(b - a).toBeGreaterThanOrEqual(70);
    expect(c - b).toBeGreaterThanOrEqual(145);
  });

  test('each attempt authenticates again', async () => {
    const { client, requests } = createObservedClient(
      failThenSucceed(2, () => json(apiError(500, 'X'), 500)),
      { auth: accessTokenAuth({ accessToken: 'tok' }) },
    );
    await client.getGroupAiModelApiKey(PARAMS);
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
    await expect(client.getGroupAiModelApiKey(PARAMS)).rejects.toBeInstanceOf(AtlasBadRequestError);
    expect(requests).toHaveLength(1);
  });
});
