import { AtlasAuthError } from '../../errors.js';
import { untilAborted } from '../../until-aborted.js';
import {
  CREDENTIAL,
  check,
  checkCredential,
  checkOptionalObject,
  PUBLIC_KEY,
} from '../../validation.js';
import { type AtlasAuth, credentialFields, defineAuth } from '../auth.js';
import { type AuthContext, type Authenticator, discard, type Exchange } from '../authenticator.js';
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
  return defineAuth({ type: 'digest', publicKey: checked.publicKey }, (context) =>
    createDigestAuthenticator(checked, context, { allowRfc2069: allowed }),
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

/**
 * Creates an Authenticator for an Atlas programmatic API key (already checked) over HTTP Digest
 * (RFC 7616): after the first challenge it signs requests up front, so steady-state calls cost
 * one round trip.
 */
export function createDigestAuthenticator(
  credentials: DigestCredentials,
  context: AuthContext,
  options: DigestAuthenticatorOptions = {},
): Authenticator {
  const { publicKey: username, privateKey: password } = credentials;
  const { origin } = context.baseUrl;
  const { logger } = context;
  const cooldownMs = options.reuseCooldownMs ?? DEFAULT_REUSE_COOLDOWN_MS;
  const allowRfc2069 = options.allowRfc2069 === true;
  /** The challenge to answer in a 401; throws when the only one is RFC 2069 and not allowed. */
  const challengeOf = (response: Response) => {
    const header = response.headers.get('www-authenticate');
    const challenge = selectDigestChallenge(header, allowRfc2069);
    if (!challenge && !allowRfc2069 && selectDigestChallenge(header, true)) {
      void discard(response);
      throw new AtlasAuthError(
        `digest challenge from ${origin} refused: no qop=auth (RFC 2069), so no client nonce; digestAuth(credentials, { allowRfc2069: true }) answers it`,
        { status: 401 },
      );
    }
    return challenge;
  };
  const now = options.now ?? Date.now;
  /** The nonce new requests are signed with. */
  let session: NonceSession | undefined;
  /** Nonces seen lately, so that a nonce the server issues again continues its count. */
  const recent = new Map<string, NonceSession>();
  /** Pending while the first request to the origin fetches the challenge others will share. */
  let probe: Promise<void> | undefined;
  /** Until when nonces are not reused; undefined while reuse is on. */
  let reuseOffUntil: number | undefined;

  const reuseAllowed = () => {
    if (reuseOffUntil === undefined) return true;
    if (now() < reuseOffUntil) return false;
    reuseOffUntil = undefined;
    logger.debug('digest: trying nonce reuse again', { origin });
    return true;
  };

  /** The server refused a reused nonce without calling it stale, then took a fresh one. */
  const refuseReuse = () => {
    if (reuseOffUntil === undefined) {
      logger.debug('digest: server refused a reused nonce; pausing reuse', {
        origin,
        forMs: cooldownMs,
      });
    }
    reuseOffUntil = now() + cooldownMs;
  };

  /** The session for a challenge's nonce: the known one, so its count goes on, or a new one. */
  const sessionFor = (challenge: DigestChallenge): NonceSession => {
    const { nonce, algorithm, realm } = challenge;
    if (session?.matches(challenge)) return session;
    let found = recent.get(nonce);
    if (!found?.matches(challenge)) {
      // note: HA1 is computed per new nonce, never kept: it is as good as the password.
      found = new NonceSession(
        challenge,
        username,
        computeHa1(algorithm, username, realm, password),
      );
      recent.delete(nonce);
      recent.set(nonce, found);
      if (recent.size > RECENT_NONCES) recent.delete(recent.keys().next().value as string);
    }
    return found;
  };

  const usableSession = () => (session?.exhausted ? undefined : session);

  return {
    send(request, exchange: Exchange) {
      const { url, method } = request;
      if (url.origin !== origin) return exchange();
      const uri = url.pathname + url.search;
      const sign = (used: NonceSession) => exchange(used.authorize(method, uri).header);

      /**
       * Answers a 401 once more when it may be the nonce rather than the credentials at fault:
       * the nonce was stale, or it was reused. Whatever the retry gets is final. The new nonce is
       * shared only once it has worked: a server that wants counts in order would otherwise see
       * a concurrent request's count 2 overtake this retry's count 1 and refuse the retry.
       */
      const rechallenge = async (refused: Response, used: NonceSession, reused: boolean) => {
        const challenge = challengeOf(refused);
        if (!challenge || !(challenge.stale || reused)) return refused;
        if (!challenge.stale && used.matches(challenge)) return refused;
        await discard(refused);
        const next = sessionFor(challenge);
        const retry = await sign(next);
        if (retry.status !== 401) {
          session = next;
          if (!challenge.stale) refuseReuse();
        }
        return retry;
      };

      /** Sends with a nonce obtained earlier: one round trip, or two when the nonce is refused. */
      const sendReusing = async (used: NonceSession) => {
        const response = await sign(used);
        return response.status === 401 ? rechallenge(response, used, true) : response;
      };

      /**
       * Sends unauthenticated, then answers the challenge. `dispatched` runs once the answer is
       * on its way, so that requests waiting for this challenge get later counts than this one.
       */
      const sendFresh = async (mayRetry: boolean, dispatched?: () => void) => {
        const first = await exchange();
        const challenge = first.status === 401 && challengeOf(first);
        if (!challenge) return first;
        await discard(first);
        const used = sessionFor(challenge);
        session = used;
        const pending = sign(used);
        dispatched?.();
        const response = await pending;
        // Requests that waited for this challenge may have reached the server first, so for
        // the server this answer may itself have been a reuse.
        return response.status === 401 && mayRetry
          ? rechallenge(response, used, used.used > 1)
          : response;
      };

      if (!reuseAllowed()) return sendFresh(false);
      const reusable = usableSession();
      if (reusable) return sendReusing(reusable);
      if (probe) {
        // note: the wait ends with the probe, or early when this request is aborted.
        return untilAborted(probe, request.signal)
          .catch(() => {})
          .then(() => {
            const allowed = reuseAllowed();
            const after = allowed && usableSession();
            return after ? sendReusing(after) : sendFresh(allowed);
          });
      }
      let release = () => {};
      const pending = new Promise<void>((resolve) => {
        release = () => {
          if (probe === pending) probe = undefined;
          resolve();
        };
      });
      probe = pending;
      return sendFresh(true, release).finally(release);
    },

    async close() {
      session = undefined;
      recent.clear();
    },

    toJSON: () => ({ scheme: 'digest', origin }),
  } as Authenticator;
}
