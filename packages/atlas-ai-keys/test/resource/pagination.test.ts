import { describe, expect, test } from 'vitest';
import {
  AtlasError,
  AtlasInvalidResponseError,
  AtlasServerError,
  MAX_ITERATION_PAGES,
  PagePromise,
} from '../../src/index.js';
import { captureLogger } from '../helpers/capture-logger.js';
import {
  apiError,
  createObservedClient,
  type Handler,
  json,
  KEY,
  rejectionOf,
} from '../helpers/observed-fetch.js';

const ORG_ID = '4888442a3354817a7320eb61';

/** `count` distinct keys, numbered from `from`. */
const keys = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ ...KEY, apiKeyId: `key-${from + i}` }));

/** A server holding `total` keys, answering pages as Atlas does; `totalCount` as given. */
function pagedServer(total: number, totalCount: number | 'absent' = total) {
  return (request: Request) => {
    const url = new URL(request.url);
    const size = Number(url.searchParams.get('itemsPerPage') ?? 100);
    const page = Number(url.searchParams.get('pageNum') ?? 1);
    const from = (page - 1) * size;
    const results = keys(Math.max(0, Math.min(size, total - from)), from);
    return json({ results, ...(totalCount === 'absent' ? {} : { totalCount }), links: [] });
  };
}

/**
 * Answers with `handler` for the first `limit` requests, then refuses: a walk that should have
 * stopped fails at once instead of running on through a server that never ends.
 */
function refusingAfter(limit: number, handler: Handler): Handler {
  return (request, attempt) =>
    attempt < limit
      ? handler(request, attempt)
      : json(apiError(400, 'TOO_MANY_PAGES', `request ${attempt + 1}: the walk went on`), 400);
}

const pageNums = (requests: Request[]) =>
  requests.map((request) => new URL(request.url).searchParams.get('pageNum'));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('lists', () => {
  test('await gives the one page asked for, with the server default size', async () => {
    const { client, requests } = createObservedClient(pagedServer(250));
    const page = await client.keys.list({ groupId: KEY.groupId });
    expect(page.results).toHaveLength(100);
    expect(page.totalCount).toBe(250);
    expect(new URL(requests[0]?.url ?? '').search).toBe('');
  });

  test('await with pageNum and itemsPerPage gives exactly that page', async () => {
    const { client } = createObservedClient(pagedServer(250));
    const page = await client.keys.list({
      groupId: KEY.groupId,
      pageNum: 3,
      itemsPerPage: 100,
    });
    expect(page.results.map((key) => key.apiKeyId)).toEqual(keys(50, 200).map((k) => k.apiKeyId));
  });

  test('nothing is fetched until the list is awaited or iterated', async () => {
    const { client, requests } = createObservedClient(pagedServer(3));
    const list = client.keys.list({ groupId: KEY.groupId });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requests).toHaveLength(0);
    await list;
    expect(requests).toHaveLength(1);
  });
});

describe('for await iterates every key across pages', () => {
  test('asking for 500 per page unless told otherwise', async () => {
    const { client, requests } = createObservedClient(pagedServer(1234));
    const all = await collect(client.keys.list({ groupId: KEY.groupId }));
    expect(all.map((key) => key.apiKeyId)).toEqual(keys(1234).map((key) => key.apiKeyId));
    expect(pageNums(requests)).toEqual(['1', '2', '3']);
    expect(requests.map((r) => new URL(r.url).searchParams.get('itemsPerPage'))).toEqual([
      '500',
      '500',
      '500',
    ]);
  });

  test('with the page size and first page given', async () => {
    const { client, requests } = createObservedClient(pagedServer(25));
    const all = await collect(
      client.keys.list({ groupId: KEY.groupId, itemsPerPage: 10, pageNum: 2 }),
    );
    expect(all.map((key) => key.apiKeyId)).toEqual(keys(15, 10).map((key) => key.apiKeyId));
    expect(pageNums(requests)).toEqual(['2', '3']);
  });

  test.each([
    ['absent', 'absent' as const, 7, ['1', '2', '3']],
    ['exact', 7, 7, ['1', '2', '3']],
    [
      'too large, the pages fetched ahead of the short one left unread',
      10_000,
      7,
      ['1', '2', '3', '4', '5', '6'],
    ],
    ['behind by part of a page, when a page then holds more than foreseen', 5, 7, ['1', '2', '3']],
  ])('ending on a short page when totalCount is %s', async (_, totalCount, listed, pages) => {
    const { client, requests } = createObservedClient(pagedServer(7, totalCount));
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(all).toHaveLength(listed);
    expect(pageNums(requests)).toEqual(pages);
  });

  test.each([
    ['exact', 6, 6],
    ['behind, so that a full page ends exactly at it (the keys after it are not listed)', 6, 7],
  ])(
    'ending, with no empty page after it, on a full page that ends at a totalCount %s',
    async (_, totalCount, keyCount) => {
      const { client, requests } = createObservedClient(pagedServer(keyCount, totalCount));
      const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
      expect(all).toHaveLength(6);
      expect(pageNums(requests)).toEqual(['1', '2']);
    },
  );

  test('ending on an empty page when the last page was full and no totalCount came', async () => {
    const { client, requests } = createObservedClient(pagedServer(6, 'absent'));
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(all).toHaveLength(6);
    expect(pageNums(requests)).toEqual(['1', '2', '3']);
  });

  test.each([
    ['one', 1, 6],
    ['zero', 0, 3],
  ])(
    'stopping, with a warning, after a full page that starts past a totalCount of %s',
    async (_, totalCount, listed) => {
      const { logger, lines } = captureLogger();
      const { client } = createObservedClient(pagedServer(7, totalCount), {
        logger,
        logLevel: 'warn',
      });
      const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
      expect(all).toHaveLength(listed);
      expect(lines).toEqual([
        `warn listGroupAiModelApiKeys: more items listed than totalCount (${totalCount}); iteration stops there {}`,
      ]);
    },
  );

  test.each([
    ['at it, when a page ends exactly there', 1000, 1000, ['1', '2'], []],
    [
      'a page past it, with a warning',
      900,
      1500,
      ['1', '2', '3'],
      [expect.stringContaining('more items listed than totalCount (900)')],
    ],
  ])(
    'stopping a server that serves full pages of new keys for ever %s',
    async (_, totalCount, listed, pages, warnings) => {
      const { logger, lines } = captureLogger();
      const endless = refusingAfter(4, (request) => {
        const page = Number(new URL(request.url).searchParams.get('pageNum'));
        return json({ results: keys(500, (page - 1) * 500), totalCount });
      });
      const { client, requests } = createObservedClient(endless, { logger, logLevel: 'warn' });
      const all = await collect(client.keys.list({ groupId: KEY.groupId }));
      expect(all).toHaveLength(listed);
      expect(pageNums(requests)).toEqual(pages);
      expect(lines).toEqual(warnings);
    },
  );

  test(`rejecting after ${MAX_ITERATION_PAGES} full pages of new keys without a totalCount`, async () => {
    // note: the walk itself, over pages made in memory, so a thousand of them cost no time; the
    // client's calls go through it as the tests above show.
    const asked: number[] = [];
    const endless = new PagePromise(
      async (page) => {
        const pageNum = page?.pageNum ?? 0;
        asked.push(pageNum);
        return { data: { results: keys(1, pageNum) }, reply: { toResponse: () => new Response() } };
      },
      () => ({ first: { pageNum: 3, itemsPerPage: 1 } }),
    );
    let listed = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const _ of endless) listed++;
      })(),
    );
    expect(error).toBeInstanceOf(AtlasError);
    expect(error.message).toBe(
      `iteration stopped after ${MAX_ITERATION_PAGES} full pages; go on from pageNum ${MAX_ITERATION_PAGES + 3}`,
    );
    expect(listed).toBe(MAX_ITERATION_PAGES);
    expect(asked).toHaveLength(MAX_ITERATION_PAGES);
    expect(asked.at(-1)).toBe(MAX_ITERATION_PAGES + 2);
  });

  test('yielding nothing for an empty list, after one request', async () => {
    const { client, requests } = createObservedClient(pagedServer(0));
    expect(await collect(client.keys.list({ groupId: KEY.groupId }))).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  test('stopping, with a warning, when a server repeats a full page', async () => {
    const { logger, lines } = captureLogger();
    const { client, requests } = createObservedClient(
      refusingAfter(3, () => json({ results: keys(3) })),
      { logger, logLevel: 'warn' },
    );
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(all).toHaveLength(3);
    expect(requests).toHaveLength(2);
    expect(lines).toEqual([
      expect.stringContaining(
        'warn listGroupAiModelApiKeys: page 2 lists only items already listed',
      ),
    ]);
  });

  test('not yielding a key twice when pages overlap', async () => {
    const pages = [keys(3, 0), keys(3, 2), keys(1, 5)];
    const { client } = createObservedClient((_, attempt) => json({ results: pages[attempt] }));
    const all = await collect(client.keys.list({ groupId: KEY.groupId, itemsPerPage: 3 }));
    expect(all.map((key) => key.apiKeyId)).toEqual(keys(6).map((key) => key.apiKeyId));
  });

  test('fetching no page past those under way when the caller breaks', async () => {
    const { client, requests } = createObservedClient(pagedServer(1000));
    for await (const key of client.keys.list({
      groupId: KEY.groupId,
      itemsPerPage: 10,
    })) {
      if (key.apiKeyId === 'key-12') break;
    }
    // note: four pages are on their way while the caller reads one.
    expect(pageNums(requests)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  test('page by page with pages()', async () => {
    const { client } = createObservedClient(pagedServer(5));
    const pages = await collect(client.keys.listForOrg({ orgId: ORG_ID, itemsPerPage: 2 }).pages());
    expect(pages.map((page) => page.results.length)).toEqual([2, 2, 1]);
  });

  test('across the organization list too', async () => {
    const { client, requests } = createObservedClient(pagedServer(501));
    const all = await collect(client.keys.listForOrg({ orgId: ORG_ID }));
    expect(all).toHaveLength(501);
    expect(new URL(requests[0]?.url ?? '').pathname).toBe(
      `/api/atlas/v2/orgs/${ORG_ID}/aiModelApiKeys`,
    );
  });

  test('rejecting when a page fails, after the keys already yielded', async () => {
    const { client } = createObservedClient(
      (request) =>
        new URL(request.url).searchParams.get('pageNum') === '2'
          ? json(apiError(500, 'UNEXPECTED_ERROR'), 500)
          : json({ results: keys(2) }),
      { maxRetries: 0 },
    );
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const key of client.keys.list({
          groupId: KEY.groupId,
          itemsPerPage: 2,
        })) {
          seen.push(key.apiKeyId ?? '');
        }
      })(),
    );
    expect(error).toBeInstanceOf(AtlasServerError);
    expect(seen).toEqual(['key-0', 'key-1']);
  });

  test('refusing a page without a results array', async () => {
    const { client } = createObservedClient(() => json({ totalCount: 3 }));
    const error = await rejectionOf(client.keys.list({ groupId: KEY.groupId }));
    expect(error).toBeInstanceOf(AtlasInvalidResponseError);
  });
});
