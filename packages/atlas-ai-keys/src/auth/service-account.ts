import { AtlasAuthError, AtlasInvalidResponseError } from '../errors.js';
import { readBody } from '../internal/http/read-body.js';
import { SharedFlight } from '../internal/shared-flight.js';
import { checkCredential, describeValue } from '../internal/validation.js';
import { type AtlasAuth, credentialFields, defineAuth } from './auth.js';
import {
  type AuthContext,
  type Authenticator,
  type AuthRequest,
  discard,
  type Exchange,
} from './authenticator.js';
import { formUrlEncode, grantFrom } from './oauth-client.js';
import { redactText, scrubbedCause } from './redaction.js';

/** A service account's OAuth 2.0 client credentials, as `serviceAccountAuth` takes them. */
export interface ServiceAccountCredentials {
  /** The service account's client id (shown by inspection and JSON). */
  readonly clientId: string;
  /** The client secret; it cannot be read back from the credentials. */
  readonly clientSecret: string;
}

/** Credentials made by `serviceAccountAuth`; they show the client id, never the secret. */
export interface ServiceAccountAuth extends AtlasAuth<'serviceAccount'> {
  /** The service account's client id. */
  readonly clientId: string;
}

/** Tuning of the service-account authenticator. */
export interface ServiceAccountAuthenticatorOptions {
  /** Stop using a token this many milliseconds before it expires (default 60 000). */
  readonly refreshMarginMs?: number;
  /** The clock in milliseconds (default `Date.now`); tests inject their own. */
  readonly now?: () => number;
}

/**
 * Default refresh margin. The Go SDK's 10 s is shorter than one attempt may take (a 30 s
 * timeout, and retries re-use the token), so a request could leave with a token that dies on
 * the way; Terraform's 10 minutes throws away a sixth of each one-hour token. One minute
 * covers an attempt and modest clock skew and still uses 98% of each token.
 */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/**
 * Assumed when the token endpoint omits `expires_in`: Atlas documents one hour. Should the
 * token die sooner, the first 401 drops it and a new one is fetched.
 */
const ASSUMED_LIFETIME_MS = 3_600_000;

const decoder = new TextDecoder();

/** Revocation is best effort on the way out; it must not hold `close()` up for long. */
const REVOKE_TIMEOUT_MS = 10_000;

/** A token as the cache holds it. */
interface CachedToken {
  readonly value: string;
  /** Clock time from which the cache no longer hands it out. */
  readonly refreshAt: number;
}

/**
 * Credentials of a service account: exchanged for OAuth 2.0 access tokens (client credentials
 * grant), cached until shortly before they expire. Throws `AtlasValidationError` for a malformed
 * id or secret.
 */
export function serviceAccountAuth(credentials: ServiceAccountCredentials): ServiceAccountAuth {
  const fields = credentialFields(credentials);
  const checked = {
    clientId: checkCredential(fields.clientId, 'clientId'),
    clientSecret: checkCredential(fields.clientSecret, 'clientSecret'),
  };
  return defineAuth(
    { type: 'serviceAccount', clientId: checked.clientId },
    (context) => new ServiceAccountAuthenticator(checked, context),
  );
}

/**
 * Authenticates with a service account whose credentials are already checked: exchanges them
 * for an access token and sends it as a Bearer token to the base URL's origin only. One token in
 * memory at a time, refreshed before expiry; one token request shared by every caller that needs
 * a token while it runs (a failed one is not remembered); `close()` revokes the token it holds.
 */
export class ServiceAccountAuthenticator implements Authenticator {
  readonly #context: AuthContext;
  readonly #marginMs: number;
  readonly #now: () => number;
  /** The token and revocation endpoints, ending in `/api/oauth/`. */
  readonly #endpoints: string;
  /** The client-credentials Basic header's value. */
  readonly #basic: string;
  /** What of the credentials must never be shown: the secret, encoded or not, and the header. */
  readonly #secrets: readonly string[];
  #current: CachedToken | undefined;
  readonly #tokenRequest = new SharedFlight<CachedToken>();

  constructor(
    { clientId, clientSecret }: ServiceAccountCredentials,
    context: AuthContext,
    options: ServiceAccountAuthenticatorOptions = {},
  ) {
    this.#context = context;
    this.#marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#now = options.now ?? Date.now;
    const { baseUrl } = context;
    // note: the OAuth endpoints keep the base URL's path: the API is reached under that same
    // path, so a proxy that mounts Atlas under a prefix serves both alike. For Atlas itself this
    // is `{origin}/api/oauth/token`.
    this.#endpoints = `${baseUrl.origin}${baseUrl.pathname.replace(/\/+$/, '')}/api/oauth/`;
    // note: the client-credentials Basic header of RFC 6749 §2.3.1, id and secret form-encoded
    // first; the encoded pair is ASCII, so btoa (available in every runtime) is safe here.
    this.#basic = btoa(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`);
    this.#secrets = [clientSecret, formUrlEncode(clientSecret), this.#basic];
  }

  async send(request: AuthRequest, exchange: Exchange): Promise<Response> {
    if (request.url.origin !== this.#context.baseUrl.origin) return exchange();
    const [token, fresh] = await this.#lease(request.signal);
    const response = await exchange(`Bearer ${token.value}`);
    // note: a 401 on a token fetched for this very call will not improve with another token.
    if (response.status !== 401 || fresh) return response;
    await discard(response);
    // note: compared by identity, so many concurrent 401s on one token each discard it once,
    // never its replacement.
    if (this.#current === token) {
      this.#current = undefined;
      this.#log('cached token refused with 401');
    }
    return exchange(`Bearer ${(await this.#lease(request.signal))[0].value}`);
  }

  async close(): Promise<void> {
    // note: a token request under way is waited for, so its token is revoked too.
    await this.#tokenRequest.settled();
    const token = this.#current?.value;
    this.#current = undefined;
    if (!token) return;
    try {
      const body = new URLSearchParams({ token, token_type_hint: 'access_token' }).toString();
      await this.#post('revoke', body, AbortSignal.timeout(REVOKE_TIMEOUT_MS), token);
    } catch (error) {
      this.#log('token revocation failed', { error: this.#describe(error, token) });
    }
  }

  /** A token usable now: the cached one while it is young enough, else a new one (`fresh`). */
  async #lease(signal: AbortSignal): Promise<[token: CachedToken, fresh: boolean]> {
    signal.throwIfAborted();
    const current = this.#current;
    if (current && this.#now() < current.refreshAt) return [current, false];
    return [await this.#tokenRequest.join(signal, (own) => this.#requestToken(own)), true];
  }

  /** Asks the token endpoint for a token and caches it. */
  async #requestToken(signal: AbortSignal): Promise<CachedToken> {
    // note: the lifetime counts from the request, not the answer, so latency cannot stretch it.
    const requestedAt = this.#now();
    try {
      const [response, text] = await this.#post('token', 'grant_type=client_credentials', signal);
      const [value, lifetimeMs] = grantFrom(
        response,
        text,
        (field) => redactText(field, this.#secrets),
        `${this.#endpoints}token`,
      );
      this.#log(
        `token obtained, valid for ${lifetimeMs === undefined ? 'an assumed hour' : `${lifetimeMs / 1000} s`}`,
      );
      const lifetime = lifetimeMs ?? ASSUMED_LIFETIME_MS;
      // note: a token shorter-lived than twice the margin would never be handed out; use the
      // first half of its life instead.
      const refreshAt = requestedAt + lifetime - Math.min(this.#marginMs, lifetime / 2);
      this.#current = { value, refreshAt };
      return this.#current;
    } catch (error) {
      this.#log('token request failed', { error: this.#describe(error) });
      throw error;
    }
  }

  /**
   * POSTs a form to the token (RFC 6749) or revoke (RFC 7009) endpoint; rejects with
   * `AtlasAuthError` when no complete answer came. `token` is the one being revoked.
   */
  async #post(
    endpoint: string,
    body: string,
    signal: AbortSignal,
    token = '',
  ): Promise<[Response, string]> {
    const { logger, maxResponseBytes } = this.#context;
    const url = this.#endpoints + endpoint;
    // note: one Request argument, because a custom fetch may read nothing but its first argument.
    const request = new Request(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${this.#basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      signal,
      // note: a redirect is not part of either exchange; following it could carry the secret away.
      redirect: 'manual',
    });
    const what = `token ${token ? 'revocation' : 'request'}`;
    const step = `service account ${what}`;
    const started = performance.now();
    let response: Response | undefined;
    const trace = (outcome: string) => {
      const durationMs = Math.round(performance.now() - started);
      logger.debug(`POST ${url} → ${outcome} in ${durationMs} ms (${step})`, {
        method: 'POST',
        url,
        status: response?.status,
        durationMs,
        step,
      });
    };
    try {
      // note: called unbound, as browsers' fetch throws when `this` is not the window.
      const fetchImpl = this.#context.fetch;
      response = await fetchImpl(request);
      // note: bounded like every other body, so a token endpoint cannot exhaust memory.
      const path = { method: 'POST', path: new URL(url).pathname };
      const bytes = await readBody(response, maxResponseBytes, path, signal);
      trace(String(response.status));
      return [response, decoder.decode(bytes ?? undefined)];
    } catch (error) {
      trace(response ? `${response.status}, body cut off` : 'no answer');
      if (response) await discard(response);
      // note: an abort or timeout propagates unchanged, so the caller's handling recognizes it.
      if (signal.aborted) throw error;
      throw new AtlasAuthError(
        `service-account ${what} to ${url} ${
          error instanceof AtlasInvalidResponseError
            ? `answered with more than maxResponseBytes (${maxResponseBytes} bytes)`
            : 'failed before a complete answer arrived'
        }`,
        {},
        { cause: scrubbedCause(error, [...this.#secrets, token]) },
      );
    }
  }

  #log(message: string, fields?: Record<string, unknown>): void {
    this.#context.logger.debug(`atlas service account: ${message}`, fields);
  }

  /** An error as a log line may show it: redacted, or only its name when it is not ours. */
  #describe(error: unknown, token = ''): string {
    if (error instanceof AtlasAuthError)
      return redactText(error.message, [...this.#secrets, token]);
    return error instanceof Error ? error.name : describeValue(error, true);
  }
}
