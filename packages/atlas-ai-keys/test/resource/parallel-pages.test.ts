import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  AtlasAbortError,
  type AtlasAiKeysClientOptions,
  AtlasServerError,
  AtlasValidationError,
  createAtlasAiKeysClient,
} from '../../src/index.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { type ListServerSettings, listKeys, startListServer } from '../helpers/list-server.js';
import { KEY, rejectionOf } from '../helpers/observed-fetch.js';

type ListServer = Awaited<ReturnType<typeof startListServer>>;

let server: ListServer | undefined;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  // note: a rejection nobody handles is reported on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.off('unhandledRejection', onUnhandled);
  await server?.close();
  server = undefined;
  expect(unhandled).toEqual([]);
});

/** A list server and a client of it; pages of `itemsPerPage` keys unless the test says otherwise. */
async function setUp(
  settings: Partial<ListServerSettings>,
  options: AtlasAiKeysClientOptions = {},
) {
  server = await startListServer(settings);
  const client = createAtlasAiKeysClient({
    baseUrl: server.url,
    logLevel: 'off',
    retry: { baseDelayMs: 1, maxDelayMs: 4 },
    ...options,
  });
  return { server, client };
}

const ids = (keys: readonly { apiKeyId?: string }[]) => keys.map((key) => key.apiKeyId);

describe('a list walked page by page, several pages at once', () => {
  test('fetches page 1, then the pages its totalCount announces, four at a time, in order', async () => {
    const { server, client } = await setUp({
      keys: 20,
      answer: (pageNum) => (pageNum === 1 ? { kind: 'page' } : { kind: 'held' }),
    });
    const listed: string[] = [];
    const walk = (async () => {
      for await (const key of client.keys.list({
        groupId: KEY.groupId,
        itemsPerPage: 2,
      })) {
        listed.push(key.apiKeyId);
      }
    })();
    await server.inFlightReaches(4);
    expect(server.pageNums()).toEqual([1, 2, 3, 4, 5]);
    server.release();
    await walk;
    expect(listed).toEqual(ids(listKeys(20)));
    // note: an exact count ends the walk on its last full page, with no empty page after it.
    expect(server.pageNums()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(server.maxInFlight()).toBe(4);
  });

  test.each([1, 2, 8])(
    'fetches %i page(s) at once with pageConcurrency',
    async (pageConcurrency) => {
      const { server, client } = await setUp(
        { keys: 30, answer: (pageNum) => (pageNum === 1 ? { kind: 'page' } : { kind: 'held' }) },
        { pageConcurrency },
      );
      const walk = collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 2 }));
      await server.inFlightReaches(pageConcurrency);
      server.release();
      expect(ids(await walk)).toEqual(ids(listKeys(30)));
      expect(server.maxInFlight()).toBe(pageConcurrency);
    },
  );

  test('takes pageConcurrency per request over the client’s', async () => {
    const { server, client } = await setUp({ keys: 12 }, { pageConcurrency: 8 });
    await collect(
      client.keys.list({ groupId: KEY.groupId, itemsPerPage: 2 }, { pageConcurrency: 1 }),
    );
    expect(server.maxInFlight()).toBe(1);
  });

  test.each([0, 17, 1.5, '4'])(
    'refuses a pageConcurrency of %j before any request',
    async (bad) => {
      const { server, client } = await setUp({ keys: 12 });
      const list = client.keys.list({ groupId: KEY.groupId }, { pageConcurrency: bad as number });
      const error = await rejectionOf(collect(list));
      expect(error).toBeInstanceOf(AtlasValidationError);
      expect(error.message).toMatch(
        /^requestOptions.pageConcurrency must be a whole number from 1 to 16/,
      );
      expect(server.seen).toEqual([]);
    },
  );
});

describe('totalCount, an estimate', () => {
  test('under by part of a page: the page past the count is fetched on its own, and every key listed', async () => {
    const { server, client } = await setUp({ keys: 11, totalCount: () => 8 });
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(ids(all)).toEqual(ids(listKeys(11)));
    expect(server.pageNums()).toEqual([1, 2, 3, 4]);
    // note: page 4 lies past the count, so it was asked for only once page 3 came back full.
    const page = (pageNum: number) => server.seen.find((request) => request.pageNum === pageNum);
    const [third, fourth] = [page(3), page(4)];
    expect(fourth?.arrivedAt).toBeGreaterThanOrEqual(third?.endedAt ?? Number.POSITIVE_INFINITY);
  });

  test('under, for a list that grew while it was read: the later pages’ count is followed', async () => {
    const { server, client } = await setUp({
      keys: 12,
      totalCount: (pageNum) => (pageNum === 1 ? 6 : 12),
    });
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(ids(all)).toEqual(ids(listKeys(12)));
    expect(server.pageNums()).toEqual([1, 2, 3, 4]);
  });

  test('over: the first short page ends the walk, and the pages fetched past it are aborted', async () => {
    const { server, client } = await setUp({
      keys: 7,
      totalCount: () => 30,
      answer: (pageNum) => (pageNum <= 3 ? { kind: 'page' } : { kind: 'hang' }),
    });
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(ids(all)).toEqual(ids(listKeys(7)));
    await server.settled();
    const pastTheEnd = server.seen.filter((request) => request.pageNum > 3);
    expect(pastTheEnd.length).toBeGreaterThan(0);
    expect(pastTheEnd.every((request) => request.aborted)).toBe(true);
    expect(Math.max(...server.pageNums())).toBeLessThanOrEqual(6);
  });

  test('exact: no empty page after the last one', async () => {
    const { server, client } = await setUp({ keys: 9 });
    await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(server.pageNums()).toEqual([1, 2, 3]);
  });
});

describe('a page that repeats another', () => {
  test('ends the walk with a warning; each key is yielded once and the pages past it aborted', async () => {
    const { logger, lines } = captureLogger();
    const { server, client } = await setUp(
      {
        keys: 30,
        answer: (pageNum) =>
          pageNum === 3
            ? { kind: 'page-of', pageNum: 2 }
            : pageNum > 3
              ? { kind: 'hang' }
              : { kind: 'page' },
      },
      { logger, logLevel: 'warn' },
    );
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(ids(all)).toEqual(ids(listKeys(6)));
    expect(lines).toEqual([
      'warn listGroupAiModelApiKeys: page 3 lists only items already listed; iteration stops there {}',
    ]);
    await server.settled();
    expect(server.seen.filter((request) => request.pageNum > 3).every((r) => r.aborted)).toBe(true);
  });
});

describe('stopping a walk', () => {
  test('a break after the first key aborts the pages under way and starts no other', async () => {
    const { server, client } = await setUp({
      keys: 50,
      answer: (pageNum) => (pageNum === 1 ? { kind: 'page' } : { kind: 'hang' }),
    });
    for await (const _ of client.keys.list({
      groupId: KEY.groupId,
      itemsPerPage: 5,
    })) {
      await server.inFlightReaches(4);
      break;
    }
    await server.settled();
    expect(server.pageNums()).toEqual([1, 2, 3, 4, 5]);
    expect(server.seen.slice(1).every((request) => request.aborted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.seen).toHaveLength(5);
  });

  test('an error on page 3 of 10 rejects the walk once, after the keys before it', async () => {
    const { server, client } = await setUp(
      {
        keys: 20,
        answer: (pageNum) =>
          pageNum === 3
            ? { kind: 'status', status: 500 }
            : pageNum > 3
              ? { kind: 'hang' }
              : { kind: 'page' },
      },
      { maxRetries: 0 },
    );
    const listed: string[] = [];
    const errors: unknown[] = [];
    try {
      for await (const key of client.keys.list({
        groupId: KEY.groupId,
        itemsPerPage: 2,
      })) {
        listed.push(key.apiKeyId);
      }
    } catch (error) {
      errors.push(error);
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AtlasServerError);
    expect(listed).toEqual(ids(listKeys(4)));
    await server.settled();
    const after = server.seen.filter((request) => request.pageNum > 3);
    expect(after.every((request) => request.aborted)).toBe(true);
    expect(Math.max(...server.pageNums())).toBeLessThanOrEqual(6);
  });

  test('the caller’s signal aborts the walk and every page under way', async () => {
    const { server, client } = await setUp({
      keys: 50,
      answer: (pageNum) => (pageNum === 1 ? { kind: 'page' } : { kind: 'hang' }),
    });
    const controller = new AbortController();
    const list = client.keys.list(
      { groupId: KEY.groupId, itemsPerPage: 5 },
      { signal: controller.signal },
    );
    const error = await rejectionOf(
      (async () => {
        for await (const _ of list) {
          await server.inFlightReaches(4);
          controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AtlasAbortError);
    await server.settled();
    expect(server.seen.slice(1).every((request) => request.aborted)).toBe(true);
  });
});

describe('a server asking to slow down', () => {
  test('a 429 with Retry-After holds every new page back for the pause, then one page at a time', async () => {
    // note: timed where the client sends (Date.now, the clock the client waits by), from the
    // moment it decides to retry: a page it sent before reading the 429 is not held back.
    let refusedAt = Infinity;
    const logger = {
      debug() {},
      info(message: string) {
        if (message.startsWith('retrying')) refusedAt = Math.min(refusedAt, Date.now());
      },
      warn() {},
      error() {},
    };
    const sent: { pageNum: number; at: number; answeredAt?: number; status?: number }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const record: (typeof sent)[number] = {
        pageNum: Number(new URL(request.url).searchParams.get('pageNum')),
        at: Date.now(),
      };
      sent.push(record);
      const response = await fetch(request);
      record.answeredAt = Date.now();
      record.status = response.status;
      return response;
    };
    const { client } = await setUp(
      {
        keys: 20,
        delayMs: 5,
        answer: (pageNum, attempt) =>
          pageNum === 4 && attempt === 0
            ? { kind: 'status', status: 429, headers: { 'retry-after': '1' } }
            : { kind: 'page' },
      },
      { fetch: recordingFetch, logger, logLevel: 'info' },
    );
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 2 }));
    expect(ids(all)).toEqual(ids(listKeys(20)));
    expect(sent.find((request) => request.status === 429)).toBeDefined();
    const after = sent.filter((request) => request.at >= refusedAt);
    // note: the refused page again, then pages never asked for before, in order, to the last one.
    const [retried, ...fresh] = after.map((request) => request.pageNum);
    expect(retried).toBe(4);
    const before = new Set(sent.filter((request) => request.at < refusedAt).map((r) => r.pageNum));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh).toEqual(fresh.map((_, i) => 11 - fresh.length + i));
    expect(fresh.some((pageNum) => before.has(pageNum))).toBe(false);
    for (const request of after) expect(request.at).toBeGreaterThanOrEqual(refusedAt + 1000);
    // note: one page at a time: each is sent once the one before it has been answered.
    for (const [i, request] of after.entries()) {
      const previous = after[i - 1];
      if (previous) expect(request.at).toBeGreaterThanOrEqual(previous.answeredAt ?? Infinity);
    }
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
