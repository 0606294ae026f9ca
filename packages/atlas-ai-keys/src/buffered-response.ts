/** Response metadata a `BufferedResponse` carries over from the response it was read from. */
export interface BufferedInit {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
}

// note: decode() without { stream: true } keeps no state between calls, so one decoder serves all.
const decoder = new TextDecoder();

/**
 * A Response over a body already read into memory. Reading it decodes the bytes directly: a
 * Response built on the bytes would first wrap them in a ReadableStream, which on Node 20 costs
 * about as much as sending the request. A stream is only built for code that asks for `body`.
 */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer> | null;
  readonly #init: BufferedInit;
  readonly #url: string;
  #used = false;
  #streamed: Response | undefined;

  /** `bytes` is the whole body (null for none); `url` is the URL it was requested from. */
  constructor(bytes: Uint8Array<ArrayBuffer> | null, init: BufferedInit, url: string) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
    this.#url = url;
  }

  override text(): Promise<string> {
    return this.#take((bytes) => (bytes ? decoder.decode(bytes) : ''));
  }

  override json(): Promise<unknown> {
    return this.#take((bytes) => JSON.parse(bytes ? decoder.decode(bytes) : ''));
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#take((bytes) => (bytes ? bytes.slice().buffer : new ArrayBuffer(0)));
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#take((bytes) => (bytes ? bytes.slice() : new Uint8Array(0)));
  }

  override blob(): Promise<Blob> {
    return this.#fallback((response) => response.blob());
  }

  override formData(): Promise<FormData> {
    return this.#fallback((response) => response.formData());
  }

  override clone(): Response {
    if (this.#streamed) {
      const copy = this.#streamed.clone();
      Object.defineProperty(copy, 'url', { value: this.#url });
      return copy;
    }
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#bytes, this.#init, this.#url);
  }

  /** The body as a stream, built on first use; from then on every read goes through it. */
  #stream(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#bytes === null) return null;
    if (!this.#streamed) {
      this.#streamed = new Response(this.#bytes, this.#init);
      // A body already read must look read: its stream is closed and disturbed.
      if (this.#used) void this.#streamed.body?.cancel();
    }
    return this.#streamed.body as ReadableStream<Uint8Array<ArrayBuffer>> | null;
  }

  async #take<T>(read: (bytes: Uint8Array<ArrayBuffer> | null) => T): Promise<T> {
    if (this.#streamed) return read(new Uint8Array(await this.#streamed.arrayBuffer()));
    // note: like any Response, a null body can be read any number of times.
    if (this.#bytes !== null) {
      if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
      this.#used = true;
    }
    return read(this.#bytes);
  }

  async #fallback<T>(read: (response: Response) => Promise<T>): Promise<T> {
    if (this.#bytes === null) return read(new Response(null, this.#init));
    if (!this.#streamed && this.#used) {
      throw new TypeError('Body is unusable: Body has already been read');
    }
    this.#stream();
    return read(this.#streamed as Response);
  }

  static {
    // `url`, `body` and `bodyUsed` are accessors of Response, but TypeScript's DOM types declare
    // them as fields, which a subclass may not redefine as accessors; so they are defined here.
    Object.defineProperties(BufferedResponse.prototype, {
      // note: a constructed Response has an empty url; callers and errors want the one requested.
      url: {
        get(this: BufferedResponse) {
          return this.#url;
        },
        configurable: true,
        enumerable: true,
      },
      body: {
        get(this: BufferedResponse) {
          return this.#stream();
        },
        configurable: true,
        enumerable: true,
      },
      bodyUsed: {
        get(this: BufferedResponse) {
          return this.#used || (this.#streamed?.bodyUsed ?? false);
        },
        configurable: true,
        enumerable: true,
      },
    });
  }
}
