import { credentialsOf, redactText } from '../../auth/redaction.js';
import type { AtlasRequestSummary } from '../../errors.js';

// note: decode() without { stream: true } keeps no state between calls, so one decoder serves all.
const decoder = new TextDecoder();

/**
 * What the server answered, read whole within the limits: status, headers, the URL that answered
 * and the body's bytes. The client decodes it directly; a `Response` is made only for a caller
 * that asks for one (`withResponse()`, `client.api`). What of an answer may be shown (errors,
 * excerpts) has each credential the request sent `[redacted]`: a gateway's page may echo
 * `Authorization`. The data of a success is kept as sent.
 */
export class Reply {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The URL that answered, after any redirect. */
  readonly url: URL;
  /** The request's method and path, as errors name it. */
  readonly request: AtlasRequestSummary;
  /** The whole body; null when there was none. */
  readonly bytes: Uint8Array<ArrayBuffer> | null;
  /** The Authorization headers the request sent, none of which may be shown. */
  readonly #authorizations: readonly string[];
  #secrets: readonly string[] | undefined;
  #text: string | undefined;

  constructor(
    response: Pick<Response, 'status' | 'statusText' | 'headers'>,
    url: URL,
    request: AtlasRequestSummary,
    bytes: Uint8Array<ArrayBuffer> | null,
    authorizations: readonly string[],
  ) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.url = url;
    this.request = request;
    this.bytes = bytes;
    this.#authorizations = authorizations;
  }

  /** Whether the status is 2xx. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body as text (UTF-8), empty when there was none. */
  text(): string {
    this.#text ??= this.bytes === null ? '' : decoder.decode(this.bytes);
    return this.#text;
  }

  /** `text` as it may be shown: each credential of the request `[redacted]`. */
  shown(text: string): string {
    this.#secrets ??= credentialsOf(this.#authorizations);
    return redactText(text, this.#secrets);
  }

  /** The headers as they may be shown: values quoting a credential of the request redacted. */
  shownHeaders(): Headers {
    let shown: Headers | undefined;
    for (const [name, value] of this.headers) {
      const redacted = this.shown(value);
      if (redacted === value) continue;
      shown ??= new Headers(this.headers);
      shown.set(name, redacted);
    }
    return shown ?? this.headers;
  }

  /**
   * A new `Response` over the same bytes, unread, with the URL that answered. An error's body and
   * headers come as they may be shown, since an error is only ever shown.
   */
  toResponse(): Response {
    const body = this.ok || this.bytes === null ? this.bytes : this.shown(this.text());
    const init = { status: this.status, statusText: this.statusText };
    const response = new Response(body, {
      ...init,
      headers: this.ok ? this.headers : this.shownHeaders(),
    });
    // note: a constructed Response has an empty url; callers and errors want the one requested.
    return Object.defineProperty(response, 'url', { value: this.url.href });
  }
}
