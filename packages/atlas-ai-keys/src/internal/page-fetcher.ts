import type { RetryNotice } from './http/transport.js';

/** What the walk hands each page request: how to stop it, and how to hear of a retry. */
export interface PageControl {
  /** Aborts the page's request: the walk ended, an earlier page failed, or the caller aborted. */
  readonly signal: AbortSignal;
  /** Told before each retry's pause; a 429 or `Retry-After` slows the whole walk. */
  readonly onRetry: (notice: RetryNotice) => void;
}

/**
 * Fetches one page: `pageNum` at `itemsPerPage`, with the walk's `control`; without them, the one
 * page the call asked for (awaiting a list).
 */
export type FetchPage<Outcome> = (
  page?: { readonly pageNum: number; readonly itemsPerPage: number },
  control?: PageControl,
) => Promise<Outcome>;

/** A page whose request has started. */
interface Started<Outcome> {
  readonly promise: Promise<Outcome>;
  readonly controller: AbortController;
}

/**
 * Fetches the pages of one walk: the page the walk goes on to is fetched while it reads the one
 * before, and with it up to `concurrency - 1` more as far as the planned last page. A 429 or
 * `Retry-After` on any page slows the whole walk: nothing new starts before the pause is over,
 * and from then on only one page at a time. A failed page aborts the pages after it; `close()`
 * aborts every page still in flight and starts none after. A page nobody takes any more never
 * reports its failure.
 */
export class PageFetcher<Outcome> {
  readonly #fetchPage: FetchPage<Outcome>;
  readonly #itemsPerPage: number;
  readonly #caller: AbortSignal | undefined;
  /** Pages started and not yet taken, by number. */
  readonly #ahead = new Map<number, Started<Outcome>>();
  #concurrency: number;
  /** The last page that may be fetched ahead of time. */
  #planned = 0;
  /** Clock time before which no page starts (a server's `Retry-After`). */
  #notBefore = 0;
  /** Set once the walk is over: nothing starts from then on. */
  readonly #closed = new AbortController();

  constructor(
    fetchPage: FetchPage<Outcome>,
    itemsPerPage: number,
    concurrency: number,
    caller: AbortSignal | undefined,
  ) {
    this.#fetchPage = fetchPage;
    this.#itemsPerPage = itemsPerPage;
    this.#concurrency = concurrency;
    this.#caller = caller;
    caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** Page `pageNum`: the one fetched ahead, or a request started now. */
  take(pageNum: number): Promise<Outcome> {
    const page = this.#ahead.get(pageNum) ?? this.#start(pageNum);
    this.#ahead.delete(pageNum);
    return page.promise;
  }

  /**
   * Starts page `next`, which the walk will go on to, and the pages after it up to `last` (the
   * last page the count announces), `concurrency` pages in all.
   */
  fetchAhead(next: number, last: number): void {
    this.#planned = Math.max(this.#planned, last);
    const until = Math.max(next, Math.min(this.#planned, next + this.#concurrency - 1));
    for (let pageNum = next; pageNum <= until; pageNum++) {
      if (!this.#ahead.has(pageNum)) this.#ahead.set(pageNum, this.#start(pageNum));
    }
  }

  /** Ends the walk: aborts every page still in flight and starts no other. */
  close(reason?: unknown): void {
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
    this.#closed.abort(reason);
    for (const page of this.#ahead.values()) page.controller.abort(reason);
    this.#ahead.clear();
  }

  readonly #onCallerAbort = () => this.close(this.#caller?.reason);

  #start(pageNum: number): Started<Outcome> {
    const controller = new AbortController();
    // note: a page started after the caller aborted, or after the walk closed, is aborted at once.
    if (this.#closed.signal.aborted) controller.abort(this.#closed.signal.reason);
    const control: PageControl = { signal: controller.signal, onRetry: this.#slowDown };
    const promise = this.#whenAllowed(controller.signal).then(() =>
      this.#fetchPage({ pageNum, itemsPerPage: this.#itemsPerPage }, control),
    );
    promise.catch(() => {
      // note: a failed page makes the pages after it useless; the walk rejects when it gets there.
      if (controller.signal.aborted) return;
      for (const [next, page] of this.#ahead) if (next > pageNum) page.controller.abort();
    });
    return { promise, controller };
  }

  /**
   * Resolves once no `Retry-After` pause holds new requests back, or at once when `signal` aborts
   * (the request then fails as an aborted one, without being sent).
   */
  async #whenAllowed(signal: AbortSignal): Promise<void> {
    for (let wait = this.#notBefore - Date.now(); wait > 0 && !signal.aborted; ) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        signal.addEventListener('abort', done, { once: true });
      });
      wait = this.#notBefore - Date.now();
    }
  }

  /** A server asking to slow down (429 or `Retry-After`) holds every new page back. */
  readonly #slowDown = (notice: RetryNotice): void => {
    if (notice.status !== 429 && !notice.retryAfter) return;
    this.#concurrency = 1;
    this.#notBefore = Math.max(this.#notBefore, Date.now() + notice.delayMs);
  };
}
