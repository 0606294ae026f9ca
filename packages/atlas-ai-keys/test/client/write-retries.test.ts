import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  AtlasConnectionError,
  AtlasNotFoundError,
  AtlasServerError,
  AtlasTimeoutError,
} from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  hang,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A fetch failure as Node's fetch reports it, with the system error code as its cause. */
const fetchFailure = (code: string) =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(code), { code }),
  });

const CREATE = { groupId: KEY.groupId, name: 'app' };
const WRITES = {
  create: (client: Client) => client.keys.create(CREATE),
  rename: (client: Client) => client.keys.update({ ...PARAMS, name: 'renamed' }),
  delete: (client: Client) => client.keys.delete(PARAMS),
};
type Client = ReturnType<typeof createObservedClient>['client'];

/** What a write answers once it succeeds. */
const done = (write: keyof typeof WRITES) =>
  write === 'delete' ? new Response(null, { status: 204 }) : json(KEY);

describe('a create (POST) is never sent twice unless Atlas surely did not act on it', () => {
  test.each([500, 502, 503, 504])('a %i is not retried', async (status) => {
    const { client, requests } = createObservedClient(() =>
      json(apiError(status, 'UNEXPECTED_ERROR'), status),
    );
    expect(await rejectionOf(WRITES.create(client))).toBeInstanceOf(AtlasServerError);
    expect(requests).toHaveLength(1);
  });

  test.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])(
    'a connection failure after sending (%s) is not retried',
    async (code) => {
      const { client, requests } = createObservedClient(() => {
        throw fetchFailure(code);
      });
      expect(await rejectionOf(WRITES.create(client))).toBeInstanceOf(AtlasConnectionError);
      expect(requests).toHaveLength(1);
    },
  );

  test('a timeout is not retried', async () => {
    const { client, requests } = createObservedClient(hang, { timeoutMs: 20 });
    expect(await rejectionOf(WRITES.create(client))).toBeInstanceOf(AtlasTimeoutError);
    expect(requests).toHaveLength(1);
  });

  test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])(
    'a failure before sending (%s) is retried',
    async (code) => {
      const { client, requests } = createObservedClient((_, attempt) => {
        if (attempt === 0) throw fetchFailure(code);
        return json(KEY, 201);
      });
      await expect(WRITES.create(client)).resolves.toEqual(KEY);
      expect(requests).toHaveLength(2);
    },
  );

  test('a 429 is retried after its Retry-After', async () => {
    vi.useFakeTimers();
    const { client, requests } = createObservedClient((_, attempt) =>
      attempt === 0
        ? json(apiError(429, 'RATE_LIMITED'), 429, { 'retry-after': '2' })
        : json(KEY, 201),
    );
    const created = WRITES.create(client);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(created).resolves.toEqual(KEY);
    expect(requests).toHaveLength(2);
  });
});

describe('a rename (PATCH) and a delete are retried like a read', () => {
  test.each([
    ['rename', 503],
    ['delete', 500],
    ['rename', 502],
    ['delete', 504],
  ] as const)('a %s is retried after a %i', async (write, status) => {
    const { client, requests } = createObservedClient((_, attempt) =>
      attempt === 0 ? json(apiError(status, 'UNEXPECTED_ERROR'), status) : done(write),
    );
    await WRITES[write](client);
    expect(requests).toHaveLength(2);
  });

  test.each(['rename', 'delete'] as const)('a %s is retried after a reset', async (write) => {
    const { client, requests } = createObservedClient((_, attempt) => {
      if (attempt === 0) throw fetchFailure('ECONNRESET');
      return done(write);
    });
    await WRITES[write](client);
    expect(requests).toHaveLength(2);
  });

  test('a delete whose first attempt deleted the key reports the retry’s 404', async () => {
    const { client, requests } = createObservedClient((_, attempt) =>
      attempt === 0
        ? json(apiError(503, 'SERVICE_UNAVAILABLE'), 503)
        : json(apiError(404, 'RESOURCE_NOT_FOUND'), 404),
    );
    const error = await rejectionOf(WRITES.delete(client));
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(requests).toHaveLength(2);
  });
});
