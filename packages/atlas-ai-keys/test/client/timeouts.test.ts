import { describe, expect, test } from 'vitest';
import { AtlasAbortError, AtlasTimeoutError } from '../../src/index.js';
import {
  createObservedClient,
  hang,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

describe('timeouts', () => {
  test('an attempt that never answers times out with AtlasTimeoutError, then is retried', async () => {
    const { client, requests } = createObservedClient(hang, { timeoutMs: 50, maxRetries: 1 });
    const started = performance.now();
    const error = await rejectionOf(client.getGroupAiModelApiKey(PARAMS));
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error.timeoutMs).toBe(50);
    expect(requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('a per-request timeout overrides the client default', async () => {
    const { client } = createObservedClient(hang, { timeoutMs: 60_000, maxRetries: 0 });
    const error = await rejectionOf(client.getGroupAiModelApiKey(PARAMS, { timeoutMs: 30 }));
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error.timeoutMs).toBe(30);
  });

  test('the timeout covers a body that arrives too slowly', async () => {
    const { client } = createObservedClient(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"apiKeyId":'));
            },
          }),
          { status: 200 },
        ),
      { timeoutMs: 50, maxRetries: 0 },
    );
    await expect(client.getGroupAiModelApiKey(PARAMS)).rejects.toBeInstanceOf(AtlasTimeoutError);
  });
});

describe('cancellation', () => {
  test('an aborted signal stops the call before any request', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    const error = await rejectionOf(
      client.getGroupAiModelApiKey(PARAMS, { signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(AtlasAbortError);
    expect(requests).toHaveLength(0);
  });

  test('aborting during a request stops it at once, with no retry', async () => {
    const { client, requests } = createObservedClient(hang, { maxRetries: 3 });
    const controller = new AbortController();
    const call = client.getGroupAiModelApiKey(PARAMS, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toBeInstanceOf(AtlasAbortError);
    expect(requests).toHaveLength(1);
  });

  test('aborting while waiting to retry stops at once', async () => {
    const { client, requests } = createObservedClient(
      () => json({ error: 503, errorCode: 'X' }, 503, { 'retry-after': '30' }),
      { maxRetries: 3 },
    );
    const controller = new AbortController();
    const call = client.getGroupAiModelApiKey(PARAMS, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(call).rejects.toBeInstanceOf(AtlasAbortError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(requests).toHaveLength(1);
  });
});
