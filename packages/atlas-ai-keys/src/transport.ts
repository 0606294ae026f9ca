import { type Authenticator, discard, type Exchange } from './auth/authenticator.js';
import { scrubbedCause } from './auth/redaction.js';
import { BufferedResponse } from './buffered-response.js';
import {
  AtlasAbortError,
  AtlasConnectionError,
  AtlasError,
  type AtlasRequestSummary,
  AtlasTimeoutError,
} from './errors.js';
import type { Logger } from './logger.js';
import { readBody } from './read-body.js';
import {
  backoffDelay,
  isRetryableFailure,
  isRetryableStatus,
  parseRetryAfter,
  type RetryDelays,
} from './retry-policy.js';
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
  /** Headers every request carries (User-Agent). */
  readonly headers: Readonly<Record<string, string>>;
  readonly maxResponseBytes: number;
  readonly retryDelays: RetryDelays;
}

/** Limits of one call, after per-request overrides. */
export interface CallPolicy {
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly signal?: AbortSignal | undefined;
}

/** A fetch function as openapi-fetch calls it. */
export type TransportFetch = (request: Request) => Promise<Response>;

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Builds the fetch that openapi-fetch uses: per-attempt timeouts, caller cancellation,
 * authentication, same-origin redirects, bounded bodies and retries with backoff.
 */
export function createTransport(config: TransportConfig): (policy: CallPolicy) => TransportFetch {
  return (policy) => (request) => send(config, policy, request);
}

/** The method and path of a request, for errors and logs. */
export function summarize(method: string, url: URL): AtlasRequestSummary {
  return { method, path: url.pathname + url.search };
}

async function send(
  config: TransportConfig,
  policy: CallPolicy,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method;
  const summary = summarize(method, url);
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(config.headers)) headers.set(name, value);
  // note: a Request body can be read once; keep bytes so every attempt and challenge can re-send it.
  const body = request.body ? await request.arrayBuffer() : null;
  const exchangeBase = { method, url, headers, body };

  const attempts = policy.maxRetries + 1;
  for (let retry = 0; ; retry++) {
    throwIfAborted(policy.signal, summary);
    const trace = { attempt: retry + 1, attempts };
    let delayMs: number;
    let reason: string;
    try {
      const response = await attempt(config, policy, exchangeBase, summary, trace);
      if (
        response.ok ||
        retry >= policy.maxRetries ||
        !isRetryableStatus(response.status, method)
      ) {
        return response;
      }
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter !== undefined && retryAfter > config.retryDelays.maxRetryAfterMs)
        return response;
      delayMs = retryAfter ?? backoffDelay(retry + 1, config.retryDelays);
      reason = `HTTP ${response.status}${retryAfter === undefined ? '' : ` with Retry-After ${seconds(retryAfter)}`}`;
    } catch (error) {
      const retryable =
        error instanceof AtlasConnectionError &&
        retry < policy.maxRetries &&
        isRetryableFailure(method, NEVER_SENT.has(error));
      if (!retryable) throw error;
      delayMs = backoffDelay(retry + 1, config.retryDelays);
      reason =
        error instanceof AtlasTimeoutError
          ? `timed out after ${seconds(error.timeoutMs)}`
          : error.message.replace(` on ${method} ${summary.path}`, '');
    }
    // note: worded for people watching a slow call: which attempt comes next, when, and why.
    config.logger.info(
      `retrying ${method} ${summary.path}: attempt ${retry + 2} of ${attempts} in ${seconds(delayMs)} after: ${reason}`,
      { method, path: summary.path, attempt: retry + 2, attempts, delayMs, reason },
    );
    await sleep(delayMs, policy.signal, summary);
  }
}

/** Which attempt of how many an exchange belongs to, for the debug trace. */
interface AttemptTrace {
  readonly attempt: number;
  readonly attempts: number;
}

interface ExchangeBase {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: ArrayBuffer | null;
}

/** One attempt under its own timeout: authentication, redirects and the whole body included. */
async function attempt(
  config: TransportConfig,
  policy: CallPolicy,
  base: ExchangeBase,
  summary: AtlasRequestSummary,
  trace: AttemptTrace,
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const onCallerAbort = () => controller.abort();
  policy.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const credentials: string[] = [];
  try {
    let current = base;
    for (let redirects = 0; ; redirects++) {
      const response = await authenticated(config, current, controller.signal, credentials, trace);
      const target = redirectTarget(response, current.url);
      if (!target || target.origin !== config.origin || redirects >= MAX_REDIRECTS) {
        const bytes = await readBody(response, config.maxResponseBytes, summary, controller.signal);
        const { status, statusText, headers } = response;
        return new BufferedResponse(
          bytes,
          { status, statusText, headers },
          current.url.href,
          credentials,
        );
      }
      await discard(response);
      const toGet =
        response.status === 303 || (response.status <= 302 && current.method === 'POST');
      current = toGet
        ? { method: 'GET', url: target, headers: current.headers, body: null }
        : { ...current, url: target };
    }
  } catch (error) {
    if (policy.signal?.aborted) throw new AtlasAbortError(summary, { cause: policy.signal.reason });
    if (controller.signal.aborted) throw new AtlasTimeoutError(summary, policy.timeoutMs);
    if (error instanceof AtlasError) throw error;
    // note: a custom fetch may quote the request's headers in its error; the cause is kept only
    // when it quotes no credential this attempt sent.
    const code = failureCode(error);
    const failure = new AtlasConnectionError(summary, connectionFailure(code, base.url.origin), {
      cause: scrubbedCause(error, credentials),
    });
    if (code !== undefined && NEVER_SENT_CODES.has(code)) NEVER_SENT.add(failure);
    throw failure;
  } finally {
    clearTimeout(timer);
    policy.signal?.removeEventListener('abort', onCallerAbort);
  }
}

function authenticated(
  config: TransportConfig,
  base: ExchangeBase,
  signal: AbortSignal,
  credentials: string[],
  trace: AttemptTrace,
) {
  const send: Exchange = (authorization) => {
    const headers = authorization === undefined ? base.headers : new Headers(base.headers);
    if (authorization !== undefined) headers.set('authorization', authorization);
    const sent = headers.get('authorization');
    if (sent) credentials.push(...credentialParts(sent));
    const init: RequestInit = {
      method: base.method,
      headers,
      body: base.body,
      signal,
      redirect: 'manual',
    };
    // note: the global fetch builds its Request from (url, init) itself, and that Request passes
    // the abort on even after a garbage collection; building one here first would cost a second
    // Request following the signal, and need `untilAborted` to keep it referenced.
    if (config.fetchIsGlobal) return config.fetch(base.url.href, init);
    const request = new Request(base.url, init);
    return untilAborted(config.fetch(request), signal, request);
  };
  const exchange: Exchange = (authorization) => {
    const started = performance.now();
    return send(authorization).then(
      (response) => {
        logExchange(config.logger, base, trace, started, authorization, response);
        return response;
      },
      (error: unknown) => {
        logExchange(config.logger, base, trace, started, authorization);
        throw error;
      },
    );
  };
  if (!config.authenticator) return exchange();
  return config.authenticator.send({ method: base.method, url: base.url, signal }, exchange);
}

/**
 * What of an Authorization header must never be shown: what follows the scheme (a token, or all
 * of a Digest answer), and a Digest answer's `response`, which a server may quote on its own.
 */
function credentialParts(header: string): string[] {
  return [header.slice(header.indexOf(' ') + 1), /response="(\w+)"$/.exec(header)?.[1] ?? ''];
}

function redirectTarget(response: Response, from: URL): URL | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

/**
 * Failures that happen before a request is written: no connection was made (refused, no route,
 * no such host, connect timeout). Anything later (a reset, a timeout while waiting) may follow a
 * request the server acted on.
 */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Connection errors whose request surely never reached the server: a POST may retry them. */
const NEVER_SENT = new WeakSet<AtlasConnectionError>();

/** The system error code under a fetch failure, such as `ECONNREFUSED`. */
function failureCode(error: unknown): string | undefined {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function connectionFailure(code: string | undefined, origin: string): string {
  // note: the origin only; the base URL holds no credentials, and the path follows in the message.
  return `connection to ${origin} failed${code ? ` (${code})` : ''}`;
}

function throwIfAborted(signal: AbortSignal | undefined, summary: AtlasRequestSummary): void {
  if (signal?.aborted) throw new AtlasAbortError(summary, { cause: signal.reason });
}

function sleep(ms: number, signal: AbortSignal | undefined, summary: AtlasRequestSummary) {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AtlasAbortError(summary, { cause: signal?.reason }));
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

/**
 * Which step of authentication an exchange was, from the scheme of the Authorization it carried
 * (never its value) and, for an unauthenticated one, the challenge it drew.
 */
function authStep(authorization = '', response?: Response): string {
  // note: the nonce count is public protocol state, not a secret; it shows nonce reuse.
  const digest = /^digest .*\bnc=(\w+)/i.exec(authorization);
  if (digest) return `digest response nc=${digest[1]}`;
  if (authorization) return `${authorization.split(' ')[0]?.toLowerCase()} credentials`;
  return /^\s*digest/i.test(response?.headers.get('www-authenticate') ?? '')
    ? 'digest challenge'
    : 'no credentials';
}

/**
 * One debug line per HTTP exchange: method, URL, status (or none), duration, attempt, the
 * authentication step and Atlas's rate-limit headers; no other header value ever appears.
 */
function logExchange(
  logger: Logger,
  { method, url }: ExchangeBase,
  { attempt, attempts }: AttemptTrace,
  started: number,
  authorization?: string,
  response?: Response,
): void {
  const durationMs = Math.round(performance.now() - started);
  const step = authStep(authorization, response);
  let notes = `attempt ${attempt} of ${attempts}; ${step}`;
  for (const name of ['RateLimit-Limit', 'RateLimit-Remaining', 'Retry-After']) {
    const value = response?.headers.get(name);
    if (value) notes += `; ${name} ${value}`;
  }
  const status = response?.status;
  logger.debug(
    `${method} ${url.href} → ${status ? `${status} in` : 'no answer after'} ${durationMs} ms (${notes})`,
    { method, url: url.href, status, durationMs, attempt, attempts, step },
  );
}
