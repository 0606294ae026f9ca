import { redactText } from './auth/redaction.js';

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
 * or reads the body another way. An error response's headers, `text()` and `json()` show
 * `[redacted]` where the server quoted a credential of the request (a gateway's page echoing
 * `Authorization`): an error is only ever shown, in errors, excerpts and `client.api`'s `error`.
 * A success is data, kept as sent (a short mock token must not blank out a key's name).
 */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer> | null;
  readonly #init: BufferedInit;
  readonly #url: string;
  readonly #credentials: readonly string[];
  #used = false;
  #streamed: Response | undefined;

  /**
   * `bytes` is the whole body (null for none); `url` is the URL it was requested from;
   * `credentials` what of the request's credentials must never be shown.
   */
  constructor(
    bytes: Uint8Array<ArrayBuffer> | null,
    init: BufferedInit,
    url: string,
    credentials: readonly string[] = [],
  ) {
    super(null, init);
    this.#bytes = bytes;
    this.#init = init;
    this.#url = url;
    this.#credentials = credentials;
    for (const [name, value] of this.ok ? [] : [...this.headers]) {
      const shown = redactText(value, credentials);
      if (shown !== value) this.headers.set(name, shown);
    }
  }

  /** `text` from `response` as it may be shown: each credential of its request `[redacted]`. */
  static redact(response: Response, text: string): string {
    return #credentials in response ? redactText(text, response.#credentials) : text;
  }

  override async text(): Promise<string> {
    let text: string;
    if (this.#streamed) text = await this.#streamed.text();
    // note: like any Response, a null body can be read any number of times.
    else if (this.#bytes === null) text = '';
    else if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    else {
      this.#used = true;
      text = decoder.decode(this.#bytes);
    }
    return this.ok ? text : BufferedResponse.redact(this, text);
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
    return new BufferedResponse(this.#bytes, this.#init, this.#url, this.#credentials);
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
