import { AtlasAuthError } from '../../errors.js';
import { SharedFlight } from '../../internal/shared-flight.js';
import {
  CREDENTIAL,
  check,
  checkCredential,
  checkOptionalObject,
  PUBLIC_KEY,
} from '../../internal/validation.js';
import type { Logger } from '../../logger.js';
import { type AtlasAuth, credentialFields, defineAuth } from '../auth.js';
import {
  type AuthContext,
  type Authenticator,
  type AuthRequest,
  discard,
  type Exchange,
} from '../authenticator.js';
import { type DigestChallenge, selectDigestChallenge } from './challenge.js';
import { NonceSession } from './nonce-session.js';
import { computeHa1 } from './response.js';

/** Programmatic API key: the public key is the Digest username, the private key its password. */
export interface DigestCredentials {
  /** Atlas public key (shown by inspection and JSON). */
  readonly publicKey: string;
  /** Atlas private key; it cannot be read back from the credentials. */
  readonly privateKey: string;
}

/** Credentials made by `digestAuth`; they show the public key, never the private key. */
export interface DigestAuth extends AtlasAuth<'digest'> {
  /** Atlas public key. */
  readonly publicKey: string;
}

/** Options of `digestAuth`. */
export interface DigestOptions {
  /**
   * Also answer challenges without `qop` (RFC 2069), whose answers carry no client nonce or
   * count; off by default, so such a challenge fails the call with `AtlasAuthError`.
   */
  readonly allowRfc2069?: boolean;
}

/**
 * Credentials of a programmatic API key, sent with HTTP Digest; after the first challenge,
 * calls cost one round trip. Throws `AtlasValidationError` for a malformed key.
 */
export function digestAuth(
  credentials: DigestCredentials,
  options: DigestOptions = {},
): DigestAuth {
  const fields = credentialFields(credentials);
  const checked = {
    publicKey: checkCredential(fields.publicKey, 'publicKey', PUBLIC_KEY),
    privateKey: checkCredential(fields.privateKey, 'privateKey', CREDENTIAL),
  };
  const { allowRfc2069 = false } = checkOptionalObject(options, 'options');
  const allowed = check<boolean>(
    typeof allowRfc2069 === 'boolean',
    allowRfc2069,
    'allowRfc2069',
    'a boolean',
  );
  return defineAuth(
    { type: 'digest', publicKey: checked.publicKey },
    (context) => new DigestAuthenticator(checked, context, { allowRfc2069: allowed }),
  );
}

/** Tuning knobs, mostly for tests. */
export interface DigestAuthenticatorOptions extends DigestOptions {
  /** How long to answer a fresh challenge per request after a server refused a reused nonce. */
  readonly reuseCooldownMs?: number;
  /** Clock in milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/** Five minutes: long enough to stop paying a refused attempt per call, short enough to recover. */
const DEFAULT_REUSE_COOLDOWN_MS = 5 * 60_000;

/** Nonces remembered so that a nonce the server issues again continues its count. */
const RECENT_NONCES = 16;

/** A request being sent, and how to send one exchange of it. */
interface Sending {
  readonly request: AuthRequest;
  readonly exchange: Exchange;
}

/**
 * HTTP Digest (RFC 7616) for an Atlas programmatic API key (already checked), to one origin:
 * after the first challenge it signs requests up front, so steady-state calls cost one round
 * trip. It keeps the nonce new requests are signed with and a few recent ones; while no nonce is
 * at hand, one request fetches the challenge and the others wait for it. Reuse of a nonce pauses
 * for a while when the server refuses it without calling it stale.
 */
export class DigestAuthenticator implements Authenticator {
  readonly #username: string;
  readonly #password: string;
  readonly #origin: string;
  readonly #logger: Logger;
  readonly #cooldownMs: number;
  readonly #allowRfc2069: boolean;
  readonly #now: () => number;
  /** The nonce new requests are signed with. */
  #session: NonceSession | undefined;
  /** Nonces seen lately, so that a nonce the server issues again continues its count. */
  readonly #recent = new Map<string, NonceSession>();
  /** The first request to the origin, fetching the challenge the others will share. */
  readonly #challenge = new SharedFlight<void>();
  /** Until when nonces are not reused; undefined while reuse is on. */
  #reuseOffUntil: number | undefined;

  constructor(
    credentials: DigestCredentials,
    context: AuthContext,
    options: DigestAuthenticatorOptions = {},
  ) {
    this.#username = credentials.publicKey;
    this.#password = credentials.privateKey;
    this.#origin = context.baseUrl.origin;
    this.#logger = context.logger;
    this.#cooldownMs = options.reuseCooldownMs ?? DEFAULT_REUSE_COOLDOWN_MS;
    this.#allowRfc2069 = options.allowRfc2069 === true;
    this.#now = options.now ?? Date.now;
  }

  async send(request: AuthRequest, exchange: Exchange): Promise<Response> {
    if (request.url.origin !== this.#origin) return exchange();
    const sending = { request, exchange };
    if (!this.#reuseAllowed()) return this.#sendFresh(sending, false);
    const reusable = this.#usableSession();
    if (reusable) return this.#sendReusing(sending, reusable);
    if (!this.#challenge.busy) return this.#lead(sending);
    // note: the wait ends with the challenge, or early when this request is aborted.
    await this.#challenge.wait(request.signal).catch(() => {});
    request.signal.throwIfAborted();
    const allowed = this.#reuseAllowed();
    const after = allowed && this.#usableSession();
    return after ? this.#sendReusing(sending, after) : this.#sendFresh(sending, allowed);
  }

  /**
   * Sends the request that fetches the challenge the requests arriving meanwhile will share;
   * they wait until its signed answer is on its way, so that they get later counts.
   */
  #lead(sending: Sending): Promise<Response> {
    let dispatched = () => {};
    const signed = new Promise<void>((resolve) => {
      dispatched = resolve;
    });
    const own = this.#sendFresh(sending, true, dispatched);
    this.#challenge.start(() => Promise.race([signed, own.then(() => {})]));
    return own;
  }

  async close(): Promise<void> {
    this.#session = undefined;
    this.#recent.clear();
  }

  toJSON(): { scheme: string; origin: string } {
    return { scheme: 'digest', origin: this.#origin };
  }

  /** Signs one exchange of `sending` with `session`'s next count. */
  #sign({ request, exchange }: Sending, session: NonceSession): Promise<Response> {
    const { url, method } = request;
    return exchange(session.authorize(method, url.pathname + url.search).header);
  }

  /** Sends with a nonce obtained earlier: one round trip, or two when the nonce is refused. */
  async #sendReusing(sending: Sending, used: NonceSession): Promise<Response> {
    const response = await this.#sign(sending, used);
    return response.status === 401 ? this.#rechallenge(sending, response, used, true) : response;
  }

  /**
   * Sends unauthenticated, then answers the challenge. `dispatched` runs once the answer is on
   * its way, so that requests waiting for this challenge get later counts than this one.
   */
  async #sendFresh(sending: Sending, mayRetry: boolean, dispatched?: () => void) {
    const first = await sending.exchange();
    const challenge = first.status === 401 && this.#challengeOf(first);
    if (!challenge) return first;
    await discard(first);
    const used = this.#sessionFor(challenge);
    this.#session = used;
    const pending = this.#sign(sending, used);
    dispatched?.();
    const response = await pending;
    // Requests that waited for this challenge may have reached the server first, so for
    // the server this answer may itself have been a reuse.
    return response.status === 401 && mayRetry
      ? this.#rechallenge(sending, response, used, used.used > 1)
      : response;
  }

  /**
   * Answers a 401 once more when it may be the nonce rather than the credentials at fault: the
   * nonce was stale, or it was reused. Whatever the retry gets is final. The new nonce is shared
   * only once it has worked: a server that wants counts in order would otherwise see a
   * concurrent request's count 2 overtake this retry's count 1 and refuse the retry.
   */
  async #rechallenge(sending: Sending, refused: Response, used: NonceSession, reused: boolean) {
    const challenge = this.#challengeOf(refused);
    if (!challenge || !(challenge.stale || reused)) return refused;
    if (!challenge.stale && used.matches(challenge)) return refused;
    await discard(refused);
    const next = this.#sessionFor(challenge);
    const retry = await this.#sign(sending, next);
    if (retry.status !== 401) {
      this.#session = next;
      if (!challenge.stale) this.#refuseReuse();
    }
    return retry;
  }

  /** The challenge to answer in a 401; throws when the only one is RFC 2069 and not allowed. */
  #challengeOf(response: Response): DigestChallenge | undefined {
    const header = response.headers.get('www-authenticate');
    const challenge = selectDigestChallenge(header, this.#allowRfc2069);
    if (!challenge && !this.#allowRfc2069 && selectDigestChallenge(header, true)) {
      void discard(response);
      throw new AtlasAuthError(
        `digest challenge from ${this.#origin} refused: no qop=auth (RFC 2069), so no client nonce; digestAuth(credentials, { allowRfc2069: true }) answers it`,
        { status: 401 },
      );
    }
    return challenge;
  }

  /** The session for a challenge's nonce: the known one, so its count goes on, or a new one. */
  #sessionFor(challenge: DigestChallenge): NonceSession {
    const { nonce, algorithm, realm } = challenge;
    if (this.#session?.matches(challenge)) return this.#session;
    let found = this.#recent.get(nonce);
    if (!found?.matches(challenge)) {
      // note: HA1 is computed per new nonce, never kept: it is as good as the password.
      const ha1 = computeHa1(algorithm, this.#username, realm, this.#password);
      found = new NonceSession(challenge, this.#username, ha1);
      this.#recent.delete(nonce);
      this.#recent.set(nonce, found);
      if (this.#recent.size > RECENT_NONCES) {
        this.#recent.delete(this.#recent.keys().next().value as string);
      }
    }
    return found;
  }

  #usableSession(): NonceSession | undefined {
    return this.#session?.exhausted ? undefined : this.#session;
  }

  #reuseAllowed(): boolean {
    if (this.#reuseOffUntil === undefined) return true;
    if (this.#now() < this.#reuseOffUntil) return false;
    this.#reuseOffUntil = undefined;
    this.#logger.debug('digest: trying nonce reuse again', { origin: this.#origin });
    return true;
  }

  /** The server refused a reused nonce without calling it stale, then took a fresh one. */
  #refuseReuse(): void {
    if (this.#reuseOffUntil === undefined) {
      this.#logger.debug('digest: server refused a reused nonce; pausing reuse', {
        origin: this.#origin,
        forMs: this.#cooldownMs,
      });
    }
    this.#reuseOffUntil = this.#now() + this.#cooldownMs;
  }
}
