import type { Logger } from '../logger.js';

/**
 * One HTTP exchange: sends a fresh copy of the request carrying `authorization` as its
 * Authorization header (none when undefined) and resolves with the raw response.
 */
export type Exchange = (authorization?: string) => Promise<Response>;

/** What an authenticator sees of the request it signs. */
export interface AuthRequest {
  /** HTTP method, upper case. */
  readonly method: string;
  /** The full request URL (origin, path and query). */
  readonly url: URL;
  /** Aborts when the caller aborts or the attempt times out; pass it to any request you make. */
  readonly signal: AbortSignal;
}

/** What an authenticator is given when the client creates it. */
export interface AuthContext {
  /** The fetch the client was configured with, for token endpoints. */
  readonly fetch: typeof globalThis.fetch;
  /** The client's base URL; credentials are only ever sent to its origin. */
  readonly baseUrl: URL;
  /** The client's redacting, levelled logger. */
  readonly logger: Logger;
  /** The largest body accepted, token endpoints' included (`maxResponseBytes`). */
  readonly maxResponseBytes: number;
}

/** Attaches one kind of credentials to requests. */
export interface Authenticator {
  /**
   * Sends the request through `exchange` with credentials, answering challenges or refreshing
   * tokens as needed, and resolves with the final response (a 401 included).
   */
  send(request: AuthRequest, exchange: Exchange): Promise<Response>;
  /** Releases what the authenticator holds, such as revoking a cached token. */
  close(): Promise<void>;
}

/** Discards a response's body so its connection can be reused. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}
