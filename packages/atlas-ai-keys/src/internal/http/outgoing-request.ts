import type { AtlasRequestSummary } from '../../errors.js';

/**
 * A request as the transport sends it: built once, then sent as it is by every attempt,
 * authentication round trip and redirect.
 */
export interface OutgoingRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  readonly url: URL;
  /** Header names in lower case; the authenticator adds `authorization` per exchange. */
  readonly headers: Readonly<Record<string, string>>;
  /** A body every exchange can send again; null for none. */
  readonly body: string | Uint8Array<ArrayBuffer> | null;
}

/** The method and path of a request, for errors and logs: never its origin or headers. */
export function summarize(method: string, url: URL): AtlasRequestSummary {
  return { method, path: url.pathname + url.search };
}
