import { AtlasPromise, type CallOutcome } from './atlas-promise.js';
import { DEFAULT_PAGE_CONCURRENCY } from './defaults.js';
import { AtlasError } from './errors.js';
import { type FetchPage, PageFetcher } from './internal/page-fetcher.js';

/** Where a page starts and how long it is. */
export interface PageRequest {
  readonly pageNum?: number;
  readonly itemsPerPage?: number;
}

/** How a list call walks its pages. */
export interface PageWalk {
  /** The first page and the page size, as the call gave them. */
  readonly first?: PageRequest;
  /** Pages fetched at once while iterating (default 4; 1 fetches one page at a time). */
  readonly concurrency?: number;
  /** Aborts the walk and every page in flight. */
  readonly signal?: AbortSignal | undefined;
  /** Told why iteration ended early, for a warning. */
  readonly onStop?: (why: string) => void;
}

/** Page size of iteration unless the call sets one: the largest Atlas serves, for fewest requests. */
export const ITERATION_PAGE_SIZE = 500;

/**
 * Pages one iteration fetches at most (500,000 keys at the default size): past it, iteration
 * rejects rather than follow a server that serves full pages without end.
 */
export const MAX_ITERATION_PAGES = 1000;

/**
 * A list call: `await` gives the one page asked for, `for await` every item across pages, and
 * `pages()` every page. Nothing is fetched until one of them is used, so iterating does not pay
 * for a page of the default size first.
 */
export class PagePromise<
  Page extends { readonly results: readonly unknown[] },
> extends AtlasPromise<Page> {
  readonly #fetchPage: FetchPage<CallOutcome<Page>>;
  readonly #walk: () => PageWalk;

  /**
   * `fetchPage` fetches one page, or the one the call asked for when given none; `walk` is read
   * when iteration starts, so that what it throws rejects the iteration.
   */
  constructor(fetchPage: FetchPage<CallOutcome<Page>>, walk: () => PageWalk = () => ({})) {
    super(() => fetchPage(), true);
    this.#fetchPage = fetchPage;
    this.#walk = walk;
  }

  /**
   * Every page from `pageNum` (default 1), `itemsPerPage` (default 500) at a time: the first page,
   * then the pages its `totalCount` announces, several at once, in order. It ends on a short or
   * empty page, or on a full page that ends exactly at `totalCount`; early, with a warning, on a
   * page holding only items already listed (a server ignoring `pageNum`) or a full page that
   * starts past `totalCount`; and it rejects after `MAX_ITERATION_PAGES` pages.
   */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    for await (const [page] of this.#pages()) yield page;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Page['results'][number], void, undefined> {
    for await (const [, fresh] of this.#pages()) yield* fresh;
  }

  /** Each page with the items it lists for the first time. */
  async *#pages(): AsyncGenerator<[Page, Page['results'][number][]], void, undefined> {
    const walk = this.#walk();
    const { concurrency = DEFAULT_PAGE_CONCURRENCY, signal, onStop = () => {} } = walk;
    const itemsPerPage = walk.first?.itemsPerPage ?? ITERATION_PAGE_SIZE;
    const first = walk.first?.pageNum ?? 1;
    const fetcher = new PageFetcher(this.#fetchPage, itemsPerPage, concurrency, signal);
    const seen = new Set<string>();
    try {
      for (let pageNum = first; ; pageNum++) {
        if (pageNum - first === MAX_ITERATION_PAGES) {
          throw new AtlasError(
            `iteration stopped after ${MAX_ITERATION_PAGES} full pages; go on from pageNum ${pageNum}`,
          );
        }
        const { data } = await fetcher.take(pageNum);
        // note: items are told apart by content (secrets are not enumerable, so not in it); two
        // keys always differ, at least in apiKeyId.
        const fresh = data.results.filter((item) => {
          const identity = JSON.stringify(item);
          return !seen.has(identity) && seen.add(identity);
        });
        if (data.results.length > 0 && fresh.length === 0) {
          return onStop(`page ${pageNum} lists only items already listed`);
        }
        const next = nextPages(data, pageNum, itemsPerPage);
        // note: the pages after this one are on their way while the caller reads this one.
        if (typeof next === 'number' && pageNum + 1 - first < MAX_ITERATION_PAGES) {
          fetcher.fetchAhead(pageNum + 1, Math.min(next, first + MAX_ITERATION_PAGES - 1));
        }
        yield [data, fresh];
        if (next === undefined) return;
        if (typeof next === 'string') return onStop(next);
      }
    } finally {
      fetcher.close();
    }
  }
}

/**
 * What follows page `pageNum` of a walk: the last page its `totalCount` announces (this page when
 * it gives none), undefined when the walk ends, or why it stops early. It ends on a short or
 * empty page. As
 * `totalCount` is an estimate, a full page ending exactly at it is the last one (no empty page is
 * fetched after it); one ending past it means the list is longer (or grew), so the walk goes on
 * page by page; and a full page that starts past it is a server that would serve full pages for
 * ever.
 */
function nextPages(
  page: { readonly results: readonly unknown[] },
  pageNum: number,
  itemsPerPage: number,
): number | string | undefined {
  if (page.results.length < itemsPerPage) return undefined;
  const { totalCount } = page as { totalCount?: unknown };
  if (!Number.isSafeInteger(totalCount) || (totalCount as number) < 0) return pageNum;
  const count = totalCount as number;
  if (pageNum * itemsPerPage === count) return undefined;
  if ((pageNum - 1) * itemsPerPage >= count) return `more items listed than totalCount (${count})`;
  return Math.ceil(count / itemsPerPage);
}
