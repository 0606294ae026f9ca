import { AtlasPromise, type WithResponse } from './atlas-promise.js';
import { AtlasError } from './errors.js';

/** Where a page starts and how long it is. */
export interface PageRequest {
  readonly pageNum?: number;
  readonly itemsPerPage?: number;
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
  readonly #fetchPage: (page: PageRequest) => Promise<WithResponse<Page>>;
  readonly #first: PageRequest;
  readonly #stop: (why: string) => void;

  /** `stop` is told why iteration ended early, for a warning. */
  constructor(
    fetchPage: (page: PageRequest) => Promise<WithResponse<Page>>,
    first: PageRequest,
    stop: (why: string) => void,
  ) {
    super(() => fetchPage(first), true);
    this.#fetchPage = fetchPage;
    this.#first = first;
    this.#stop = stop;
  }

  /**
   * Every page from `pageNum` (default 1), `itemsPerPage` (default 500) at a time. It ends on a
   * short or empty page, whatever `totalCount` says; early, with a warning, on a page holding
   * only items already listed (a server ignoring `pageNum`) or once more items were listed than
   * `totalCount`; and it rejects after `MAX_ITERATION_PAGES` pages.
   */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    for await (const [page] of this.#walk()) yield page;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Page['results'][number], void, undefined> {
    for await (const [, fresh] of this.#walk()) yield* fresh;
  }

  /** Each page with the items it lists for the first time. */
  async *#walk(): AsyncGenerator<[Page, Page['results'][number][]], void, undefined> {
    const itemsPerPage = this.#first.itemsPerPage ?? ITERATION_PAGE_SIZE;
    const seen = new Set<string>();
    const first = this.#first.pageNum ?? 1;
    for (let pageNum = first; ; pageNum++) {
      if (pageNum - first === MAX_ITERATION_PAGES) {
        throw new AtlasError(
          `iteration stopped after ${MAX_ITERATION_PAGES} full pages; go on from pageNum ${pageNum}`,
        );
      }
      const { data } = await this.#fetchPage({ pageNum, itemsPerPage });
      // note: items are told apart by content (secrets are not enumerable, so not in it); two
      // keys always differ, at least in apiKeyId.
      const fresh = data.results.filter((item) => {
        const identity = JSON.stringify(item);
        return !seen.has(identity) && seen.add(identity);
      });
      if (data.results.length > 0 && fresh.length === 0) {
        return this.#stop(`page ${pageNum} lists only items already listed`);
      }
      yield [data, fresh];
      if (data.results.length < itemsPerPage) return;
      // note: totalCount is an estimate, so a list that grew during iteration may go a page
      // past it; a full page beyond that is a server that would go on for ever.
      const { totalCount } = data as { totalCount?: unknown };
      if (typeof totalCount === 'number' && seen.size > totalCount) {
        return this.#stop(`more items listed than totalCount (${totalCount})`);
      }
    }
  }
}
