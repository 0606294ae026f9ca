import { describe, expect, test } from 'vitest';
import { AtlasAbortError, AtlasTimeoutError } from '../../src/index.js';
import { advance, useFakeClock, watchSettled } from '../helpers/fake-clock.js';
import {
  createObservedClient,
  hang,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

// Every test runs on a fake clock: time passes only when a test moves it, so a timeout fires
// exactly when due whatever the load, and "at once" means with no time passing at all.
useFakeClock();

describe('timeouts', () => {
  test('an attempt that never answers times out after exactly timeoutMs, then is retried', async () => {
    const { client, requests } = createObservedClient(hang, { timeoutMs: 50, maxRetries: 1 });
    const call = client.keys.get(PARAMS);
    const progress = watchSettled(call);

    await advance(49);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(false);
    await advance(1);
    expect(requests[0]?.signal.aborted).toBe(true);
    // note: the observed client waits 1 ms before a retry (75–100 % of baseDelayMs 1, rounded).
    await advance(1);
    expect(requests).toHaveLength(2);
    await advance(49);
    expect(progress.settled).toBe(false);
    await advance(1);

    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(AtlasTimeoutError);
    expect(error.timeoutMs).toBe(50);
    expect(requests).toHaveLength(2);
  });

  test('a per-request timeout overrides the client default', async () => {
    const { client } = createObservedClient(hang, { timeoutMs: 60_000, maxRetries: 0 });
    const call = client.keys.get(PARAMS, { timeoutMs: 30 });
    const progress = watchSettled(call);

    await advance(29);
    expect(progress.settled).toBe(false);
    await advance(1);

    const error = await rejectionOf(call);
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
    const call = client.keys.get(PARAMS);
    const progress = watchSettled(call);

    await advance(49);
    expect(progress.settled).toBe(false);
    await advance(1);

    await expect(call).rejects.toBeInstanceOf(AtlasTimeoutError);
  });
});

describe('cancellation', () => {
  test('an aborted signal stops the call before any request', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    const error = await rejectionOf(client.keys.get(PARAMS, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AtlasAbortError);
    expect(requests).toHaveLength(0);
  });

  test('aborting during a request stops it at once, with no retry', async () => {
    const { client, requests } = createObservedClient(hang, { maxRetries: 3 });
    const controller = new AbortController();
    const call = client.keys.get(PARAMS, { signal: controller.signal });
    const progress = watchSettled(call);
    await advance(20);
    expect(requests).toHaveLength(1);
    controller.abort();
    await advance(0);

    expect(progress.settled).toBe(true);
    await expect(call).rejects.toBeInstanceOf(AtlasAbortError);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  test('aborting while waiting to retry stops at once', async () => {
    const { client, requests } = createObservedClient(
      () => json({ error: 503, errorCode: 'X' }, 503, { 'retry-after': '30' }),
      { maxRetries: 3 },
    );
    const controller = new AbortController();
    const call = client.keys.get(PARAMS, { signal: controller.signal });
    const progress = watchSettled(call);
    await advance(50);
    expect(requests).toHaveLength(1);
    controller.abort();
    await advance(0);

    expect(progress.settled).toBe(true);
    await expect(call).rejects.toBeInstanceOf(AtlasAbortError);
    expect(requests).toHaveLength(1);
  });
});
