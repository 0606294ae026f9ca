import { AtlasPromise, type WithResponse } from './atlas-promise.js';

/** Where a page starts and how long it is. */
export interface PageRequest {
  readonly pageNum?: number;
  readonly itemsPerPage?: number;
}

/** Page size of iteration unless the call sets one: the largest Atlas serves, for fewest requests. */
export const ITERATION_PAGE_SIZE = 500;

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
  readonly #onRepeat: (pageNum: number) => void;

  constructor(
    fetchPage: (page: PageRequest) => Promise<WithResponse<Page>>,
    first: PageRequest,
    onRepeat: (pageNum: number) => void,
  ) {
    super(() => fetchPage(first), true);
    this.#fetchPage = fetchPage;
    this.#first = first;
    this.#onRepeat = onRepeat;
  }

  /**
   * Every page from `pageNum` (default 1), `itemsPerPage` (default 500) at a time. It ends on a
   * short or empty page, whatever `totalCount` says, or on a page holding only items already
   * listed (a server ignoring `pageNum` would otherwise be asked forever).
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
    for (let pageNum = this.#first.pageNum ?? 1; ; pageNum++) {
      const { data } = await this.#fetchPage({ pageNum, itemsPerPage });
      // note: items are told apart by content (secrets are not enumerable, so not in it); two
      // keys always differ, at least in apiKeyId.
      const fresh = data.results.filter((item) => {
        const identity = JSON.stringify(item);
        return !seen.has(identity) && seen.add(identity);
      });
      if (data.results.length > 0 && fresh.length === 0) return this.#onRepeat(pageNum);
      yield [data, fresh];
      if (data.results.length < itemsPerPage) return;
    }
  }
}
