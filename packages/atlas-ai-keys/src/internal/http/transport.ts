import type { Authenticator, Exchange } from '../../auth/authenticator.js';
import { discard } from '../../auth/authenticator.js';
import {
  AtlasAbortError,
  AtlasConnectionError,
  AtlasError,
  type AtlasRequestSummary,
  AtlasTimeoutError,
} from '../../errors.js';
import type { Logger } from '../../logger.js';
import {
  backoffDelay,
  isRetryableFailure,
  isRetryableStatus,
  parseRetryAfter,
  type RetryDelays,
} from '../../retry-policy.js';
import { connectionFailure } from './connection-failure.js';
import { logExchange } from './exchange-log.js';
import { type OutgoingRequest, summarize } from './outgoing-request.js';
import { readBody } from './read-body.js';
import { MAX_REDIRECTS, redirected } from './redirects.js';
import { Reply } from './reply.js';
import { untilAborted } from './until-aborted.js';

/** What the transport needs from the client, fixed at creation. */
export interface TransportConfig {
  readonly fetch: typeof globalThis.fetch;
  /**
   * True when `fetch` is the default, which hands its arguments to the global fetch: it is then
   * called with (url, init). A custom fetch is called with one Request, as openapi-fetch calls it.
   */
  readonly fetchIsGlobal: boolean;
  readonly authenticator: Authenticator | undefined;
  /** Redirects are followed only within this origin, so credentials never leave it. */
  readonly origin: string;
  readonly logger: Logger;
  /** Whether each exchange is logged at debug level (formatting a line costs even when dropped). */
  readonly trace: boolean;
  readonly maxResponseBytes: number;
  readonly retryDelays: RetryDelays;
}

/** Why and when a call will be tried again. */
export interface RetryNotice {
  /** The status that is retried; undefined for a connection failure. */
  readonly status: number | undefined;
  /** The pause before the next attempt; the server's `Retry-After` when it sent one. */
  readonly delayMs: number;
  /** Whether the server asked for the pause (`Retry-After`). */
  readonly retryAfter: boolean;
  /** The reason, as the retry line words it. */
  readonly reason: string;
}

/** Limits of one call, after per-request overrides. */
export interface CallPolicy {
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly signal?: AbortSignal | undefined;
  /** Told before each retry's pause, so a caller running many calls can slow them all down. */
  readonly onRetry?: ((notice: RetryNotice) => void) | undefined;
}

/** Which attempt of how many an exchange belongs to, for the debug trace. */
export interface AttemptTrace {
  readonly attempt: number;
  readonly attempts: number;
}

/**
 * Sends requests: retries with backoff around attempts, each attempt under its own timeout
 * (authentication round trips, same-origin redirects and the whole bounded body included).
 */
export class Transport {
  readonly #config: TransportConfig;

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  /**
   * Sends `request` and resolves with the final answer, a non-2xx one included once the retries
   * allowed are spent; rejects with `AtlasConnectionError`, `AtlasTimeoutError`,
   * `AtlasAbortError` or what reading the answer refused.
   */
  async send(request: OutgoingRequest, policy: CallPolicy): Promise<Reply> {
    const summary = summarize(request.method, request.url);
    const attempts = policy.maxRetries + 1;
    for (let attempt = 1; ; attempt++) {
      if (policy.signal?.aborted) throw abortError(summary, policy.signal);
      let reply: Reply | undefined;
      let failure: unknown;
      try {
        reply = await this.#attempt(request, summary, policy, { attempt, attempts });
      } catch (error) {
        failure = error;
      }
      const retry =
        attempt < attempts ? this.#retry(request.method, attempt, reply, failure) : undefined;
      if (!retry) {
        if (reply) return reply;
        throw failure;
      }
      // note: worded for people watching a slow call: which attempt comes next, when, and why.
      const { delayMs, reason } = retry;
      this.#config.logger.info(
        `retrying ${request.method} ${summary.path}: attempt ${attempt + 1} of ${attempts} in ${seconds(delayMs)} after: ${reason}`,
        {
          method: request.method,
          path: summary.path,
          attempt: attempt + 1,
          attempts,
          delayMs,
          reason,
        },
      );
      policy.onRetry?.(retry);
      await sleep(delayMs, policy.signal, summary);
    }
  }

  /** Whether, and after how long, an attempt's outcome is retried; undefined when it is final. */
  #retry(
    method: string,
    attempt: number,
    reply: Reply | undefined,
    failure: unknown,
  ): RetryNotice | undefined {
    const { retryDelays } = this.#config;
    if (reply) {
      if (reply.ok || !isRetryableStatus(reply.status, method)) return undefined;
      const retryAfter = parseRetryAfter(reply.headers.get('retry-after'));
      if (retryAfter !== undefined && retryAfter > retryDelays.maxRetryAfterMs) return undefined;
      return {
        status: reply.status,
        delayMs: retryAfter ?? backoffDelay(attempt, retryDelays),
        retryAfter: retryAfter !== undefined,
        reason: `HTTP ${reply.status}${retryAfter === undefined ? '' : ` with Retry-After ${seconds(retryAfter)}`}`,
      };
    }
    if (!(failure instanceof AtlasConnectionError)) return undefined;
    if (!isRetryableFailure(method, failure.neverSent)) return undefined;
    return {
      status: undefined,
      delayMs: backoffDelay(attempt, retryDelays),
      retryAfter: false,
      reason:
        failure instanceof AtlasTimeoutError
          ? `timed out after ${seconds(failure.timeoutMs)}`
          : failure.message.replace(` on ${failure.request.method} ${failure.request.path}`, ''),
    };
  }

  /** One attempt under its own timeout: authentication, redirects and the whole body included. */
  async #attempt(
    request: OutgoingRequest,
    summary: AtlasRequestSummary,
    policy: CallPolicy,
    trace: AttemptTrace,
  ): Promise<Reply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
    const onCallerAbort = () => controller.abort();
    policy.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const authorizations: string[] = [];
    try {
      const [response, url] = await this.#follow(request, controller.signal, authorizations, trace);
      const { maxResponseBytes } = this.#config;
      const bytes = await readBody(response, maxResponseBytes, summary, controller.signal);
      return new Reply(response, url, summary, bytes, authorizations);
    } catch (error) {
      if (policy.signal?.aborted) throw abortError(summary, policy.signal);
      if (controller.signal.aborted) throw new AtlasTimeoutError(summary, policy.timeoutMs);
      if (error instanceof AtlasError) throw error;
      throw connectionFailure(summary, request.url.origin, error, authorizations);
    } finally {
      clearTimeout(timer);
      policy.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * Sends `request` and follows redirects within the origin, `MAX_REDIRECTS` at most; resolves
   * with the final response and the URL that gave it.
   */
  async #follow(
    request: OutgoingRequest,
    signal: AbortSignal,
    authorizations: string[],
    trace: AttemptTrace,
  ): Promise<[Response, URL]> {
    let current = request;
    for (let redirects = 0; ; redirects++) {
      const response = await this.#authenticated(current, signal, authorizations, trace);
      const next =
        redirects < MAX_REDIRECTS ? redirected(current, response, this.#config.origin) : undefined;
      if (!next) return [response, current.url];
      await discard(response);
      current = next;
    }
  }

  /** One request with its credentials: the authenticator decides the exchanges it takes. */
  #authenticated(
    request: OutgoingRequest,
    signal: AbortSignal,
    authorizations: string[],
    trace: AttemptTrace,
  ): Promise<Response> {
    const exchange: Exchange = (authorization) =>
      this.#exchange(request, signal, authorization, authorizations, trace);
    const { authenticator } = this.#config;
    if (!authenticator) return exchange();
    return authenticator.send({ method: request.method, url: request.url, signal }, exchange);
  }

  /** One HTTP exchange: `request` with `authorization` (none when undefined), redirects not followed. */
  #exchange(
    request: OutgoingRequest,
    signal: AbortSignal,
    authorization: string | undefined,
    authorizations: string[],
    trace: AttemptTrace,
  ): Promise<Response> {
    const { headers } = request;
    const sent = authorization ?? headers.authorization;
    // note: kept whole; what of it must never be shown is worked out only if something is shown.
    if (sent) authorizations.push(sent);
    const init: RequestInit = {
      method: request.method,
      headers: authorization === undefined ? headers : { ...headers, authorization },
      body: request.body,
      signal,
      redirect: 'manual',
    };
    const { fetch, fetchIsGlobal } = this.#config;
    let response: Promise<Response>;
    // note: the global fetch builds its Request from (url, init) itself, and that Request passes
    // the abort on even after a garbage collection; a custom fetch is given one Request, which
    // `untilAborted` keeps referenced until the exchange ends.
    if (fetchIsGlobal) response = fetch(request.url.href, init);
    else {
      const built = new Request(request.url, init);
      response = untilAborted(fetch(built), signal, built);
    }
    if (!this.#config.trace) return response;
    const started = performance.now();
    const log = (answer?: Response) =>
      logExchange(this.#config.logger, request, trace, started, authorization, answer);
    return response.then(
      (answer) => {
        log(answer);
        return answer;
      },
      (error: unknown) => {
        log();
        throw error;
      },
    );
  }
}

function abortError(summary: AtlasRequestSummary, signal: AbortSignal): AtlasAbortError {
  return new AtlasAbortError(summary, { cause: signal.reason });
}

function sleep(ms: number, signal: AbortSignal | undefined, summary: AtlasRequestSummary) {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(summary, signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `ms` as people read a duration: "0.5 s", "2 s", "30 s". */
function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} s`;
}
