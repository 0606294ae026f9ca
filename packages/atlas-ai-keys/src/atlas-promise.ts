import { BufferedResponse } from './buffered-response.js';

/** The decoded data of a call together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** The decoded, unwrapped body. */
  readonly data: T;
  /** The HTTP response: status, headers (such as `RateLimit-Remaining`) and the body, still readable. */
  readonly response: Response;
}

/**
 * A promise of a call's data that can also give the HTTP response: `await call` for the data,
 * `await call.withResponse()` for both. The call starts at once, or at the first `await` when
 * made `lazy`.
 */
export class AtlasPromise<T> implements Promise<T> {
  readonly [Symbol.toStringTag] = 'AtlasPromise';
  readonly #start: () => Promise<WithResponse<T>>;
  #result: Promise<WithResponse<T>> | undefined;
  #data: Promise<T> | undefined;

  constructor(start: () => Promise<WithResponse<T>>, lazy = false) {
    this.#start = start;
    if (!lazy) this.#started();
  }

  /** The data together with the HTTP response, whose body can be read again. */
  withResponse(): Promise<WithResponse<T>> {
    // note: the client has read the body to decode it; each caller gets a response over the same
    // bytes, unread. Only callers pay for the copy, not every call.
    return this.#started().then(({ data, response }) => ({
      data,
      response: response instanceof BufferedResponse ? response.unread() : response,
    }));
  }

  /** The call's result, starting the call on first use. */
  #started(): Promise<WithResponse<T>> {
    if (!this.#result) {
      this.#result = this.#start();
      // note: the caller awaits either this or withResponse(); the other must not report the failure as unhandled.
      this.#result.catch(() => {});
    }
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: being awaitable is the point of this class
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#data ??= this.#started().then((result) => result.data);
    return this.#data.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }
}
