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
 * about as much as sending the request. A stream is only built for code that asks for `body`
 * or reads the body another way.
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
    if (this.#streamed) return this.#streamed.text();
    // note: like any Response, a null body can be read any number of times.
    if (this.#bytes === null) return Promise.resolve('');
    if (this.#used) {
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    }
    this.#used = true;
    return Promise.resolve(decoder.decode(this.#bytes));
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#stream().arrayBuffer();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#stream().bytes();
  }

  override blob(): Promise<Blob> {
    return this.#stream().blob();
  }

  override formData(): Promise<FormData> {
    return this.#stream().formData();
  }

  /** The same response with its body unread, even when this one's was read. */
  unread(): BufferedResponse {
    return new BufferedResponse(this.#bytes, this.#init, this.#url);
  }

  override clone(): Response {
    if (!this.#streamed && !this.#used) return this.unread();
    // note: throws like any Response whose body was read.
    const copy = this.#stream().clone();
    Object.defineProperty(copy, 'url', { value: this.#url });
    return copy;
  }

  /**
   * A Response over the same bytes, built on first use, that serves every read but text and
   * json from then on; a body already read leaves it read.
   */
  #stream(): Response {
    if (!this.#streamed) {
      this.#streamed = new Response(this.#bytes, this.#init);
      if (this.#used) void this.#streamed.body?.cancel();
    }
    return this.#streamed;
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
          return this.#bytes === null ? null : this.#stream().body;
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
