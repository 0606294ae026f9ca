/** The decoded data of a call together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** The decoded, unwrapped body. */
  readonly data: T;
  /** The HTTP response: status, headers (such as `RateLimit-Remaining`) and the body, still readable. */
  readonly response: Response;
}

/** What a call settles with: its data and the answer it came from, which makes Responses. */
export interface CallOutcome<T> {
  readonly data: T;
  readonly reply: { toResponse(): Response };
}

/**
 * A promise of a call's data that can also give the HTTP response: `await call` for the data,
 * `await call.withResponse()` for both. The call starts at once, or at the first `await` when
 * made `lazy`.
 */
export class AtlasPromise<T> implements Promise<T> {
  readonly [Symbol.toStringTag] = 'AtlasPromise';
  readonly #start: () => Promise<CallOutcome<T>>;
  #result: Promise<CallOutcome<T>> | undefined;
  #data: Promise<T> | undefined;

  constructor(start: () => Promise<CallOutcome<T>>, lazy = false) {
    this.#start = start;
    if (!lazy) this.#started();
  }

  /** The data together with the HTTP response, whose body can be read again. */
  withResponse(): Promise<WithResponse<T>> {
    // note: the client has read the body to decode it; each caller gets a response of its own
    // over the same bytes, unread. Only callers pay for making one, not every call.
    return this.#started().then(({ data, reply }) => ({ data, response: reply.toResponse() }));
  }

  /** The call's result, starting the call on first use. */
  #started(): Promise<CallOutcome<T>> {
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
