import { type ApiVersion, DEFAULT_API_VERSION, mediaTypeFor } from './api-version.js';
import { type AtlasAuth, checkAuth } from './auth/auth.js';
import { baseUrlVariableFromEnv } from './auth/from-env.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_PAGE_CONCURRENCY,
  DEFAULT_RETRY_DELAYS,
  DEFAULT_TIMEOUT_MS,
  MAX_PAGE_CONCURRENCY,
  MAX_RETRIES,
  MAX_TIMEOUT_MS,
  type RetryDelays,
} from './defaults.js';
import { userAgent } from './internal/http/user-agent.js';
import {
  check,
  checkBaseUrl,
  checkHeaderText,
  checkOptionalObject,
  checkWholeNumber,
} from './internal/validation.js';
import { LOG_LEVELS, type Logger, type LogLevel, levelledLogger } from './logger.js';
import { checkRule } from './schema-rule.js';

export { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './defaults.js';
/** Default cap on a response body; AI model API key documents are a few hundred bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Options of `createAtlasAiKeysClient`. */
export interface AtlasAiKeysClientOptions {
  /** Atlas base URL; defaults to `MONGODB_ATLAS_OPS_MANAGER_URL`, `MONGODB_ATLAS_BASE_URL`, then https://cloud.mongodb.com. */
  readonly baseUrl?: string;
  /** Credentials from `digestAuth`, `serviceAccountAuth`, `accessTokenAuth` or `authFromEnv`; absent sends none. */
  readonly auth?: AtlasAuth | undefined;
  /** API version sent in `Accept` (and `Content-Type` of bodies): the spec's newest by default, `preview` or any date. */
  readonly apiVersion?: ApiVersion;
  /** Time limit of each attempt in milliseconds, body included (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx and connection failures (default 2; 0 disables). */
  readonly maxRetries?: number;
  /** Spacing of retries. */
  readonly retry?: Partial<RetryDelays>;
  /** The fetch to use (default `globalThis.fetch`). */
  readonly fetch?: typeof globalThis.fetch;
  /** Where logs go (default `console`); secrets are never logged. */
  readonly logger?: Logger;
  /** Least severe level logged (default `warn`). */
  readonly logLevel?: LogLevel;
  /** Appended to the User-Agent, to identify your application. */
  readonly userAgent?: string;
  /** Largest response body accepted, in bytes (default 8 MiB). */
  readonly maxResponseBytes?: number;
  /** Allow a plain-http base URL on a non-loopback host (credentials would travel in clear). */
  readonly allowInsecureHttp?: boolean;
  /** Pages a list's iteration fetches at once (default 4, at most 16; 1 fetches one at a time). */
  readonly pageConcurrency?: number;
}

/** Per-request overrides. */
export interface RequestOptions {
  /** Aborts the call, retries included. */
  readonly signal?: AbortSignal;
  /** Time limit of each attempt in milliseconds. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. */
  readonly maxRetries?: number;
  /** Extra request headers (they may replace defaults such as `Accept`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Pages this list's iteration fetches at once. */
  readonly pageConcurrency?: number;
}

/** Client options after validation and defaults. */
export interface ResolvedOptions {
  readonly baseUrl: URL;
  readonly auth: AtlasAuth | undefined;
  readonly apiVersion: ApiVersion;
  readonly mediaType: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryDelays: RetryDelays;
  readonly fetch: typeof globalThis.fetch;
  readonly logger: Logger;
  /** Whether every HTTP exchange is logged (`logLevel: 'debug'`). */
  readonly trace: boolean;
  readonly userAgent: string | undefined;
  readonly maxResponseBytes: number;
  readonly pageConcurrency: number;
  /** The base URL as requests start, without a final slash. */
  readonly baseHref: string;
  /** What every call sends: `Accept` (which a request's headers may replace) and `User-Agent`. */
  readonly headers: { readonly accept: string; readonly 'user-agent': string };
  /** The limits of a call without request options. */
  readonly policy: RequestPolicy;
}

/** Limits and headers of one call: the client's, overridden by the request's. */
export interface RequestPolicy {
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly signal: AbortSignal | undefined;
  /** The request's own headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly pageConcurrency: number;
}

/** Checks a whole number of milliseconds from `min` up to setTimeout's range. */
const checkMs = (value: unknown, field: string, min = 0) =>
  checkWholeNumber(value, field, min, MAX_TIMEOUT_MS, 'milliseconds');

/** Checks a retry count: a whole number from 0 to `MAX_RETRIES`. */
const checkMaxRetries = (value: unknown, field: string) =>
  checkWholeNumber(value, field, 0, MAX_RETRIES);

/** Checks how many pages a walk fetches at once: 1 to `MAX_PAGE_CONCURRENCY`. */
const checkPageConcurrency = (value: unknown, field: string) =>
  checkWholeNumber(value, field, 1, MAX_PAGE_CONCURRENCY);

/** Validates client options and fills in defaults; throws `AtlasValidationError` naming the option. */
export function resolveOptions(input: unknown): ResolvedOptions {
  const options = checkOptionalObject(input, 'options') as AtlasAiKeysClientOptions;
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  check(
    typeof allowInsecureHttp === 'boolean',
    allowInsecureHttp,
    'allowInsecureHttp',
    'a boolean',
  );
  const fromEnv = options.baseUrl === undefined ? baseUrlVariableFromEnv() : undefined;
  const baseUrl = checkBaseUrl(
    options.baseUrl ?? fromEnv?.[1] ?? DEFAULT_BASE_URL,
    allowInsecureHttp,
    // note: a bad URL from the environment is reported under the variable the user has to fix.
    fromEnv?.[0] ?? 'baseUrl',
  );
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const retry = checkOptionalObject(options.retry, 'retry');
  check(
    // note: `in`, so that checking does not load Node's fetch (undici) before a request needs it.
    options.fetch === undefined ? 'fetch' in globalThis : typeof options.fetch === 'function',
    options.fetch,
    'fetch',
    // note: reached when the runtime has no global fetch and none was passed.
    'a fetch function',
  );
  const auth = checkAuth(options.auth);
  const mediaType = mediaTypeFor(apiVersion);
  const timeoutMs = checkMs(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 1);
  const maxRetries = checkMaxRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES, 'maxRetries');
  const retryDelays = Object.fromEntries(
    Object.entries(DEFAULT_RETRY_DELAYS).map(([name, fallback]) => [
      name,
      checkMs(retry[name] ?? fallback, `retry.${name}`),
    ]),
  ) as unknown as RetryDelays;
  const logger: unknown = options.logger ?? console;
  check(
    typeof logger === 'object' &&
      logger !== null &&
      LOG_LEVELS.every(
        (level) =>
          level === 'off' || typeof (logger as Record<string, unknown>)[level] === 'function',
      ),
    logger,
    'logger',
    'an object with debug, info, warn and error methods',
  );
  const { logLevel = 'warn' } = options;
  checkRule(logLevel, { enum: LOG_LEVELS }, 'logLevel');
  const userAgentSuffix =
    options.userAgent === undefined ? undefined : checkHeaderText(options.userAgent, 'userAgent');
  const pageConcurrency = checkPageConcurrency(
    options.pageConcurrency ?? DEFAULT_PAGE_CONCURRENCY,
    'pageConcurrency',
  );
  return {
    baseUrl,
    auth,
    apiVersion,
    mediaType,
    timeoutMs,
    maxRetries,
    retryDelays,
    // note: looked up per call, so a fetch patched in after the client was made is still used.
    fetch:
      options.fetch ??
      (((input, init) => globalThis.fetch(input, init)) as typeof globalThis.fetch),
    logger: levelledLogger(logger as Logger, logLevel),
    trace: logLevel === 'debug',
    userAgent: userAgentSuffix,
    maxResponseBytes: checkWholeNumber(
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      'maxResponseBytes',
      1,
      2 ** 31,
      'bytes',
    ),
    pageConcurrency,
    baseHref: baseUrl.href.replace(/\/$/, ''),
    headers: { accept: mediaType, 'user-agent': userAgent(userAgentSuffix) },
    policy: { timeoutMs, maxRetries, signal: undefined, headers: {}, pageConcurrency },
  };
}

/** Limits and headers of one call: the client's, overridden by the request's. */
export function resolveRequestOptions(input: unknown, client: ResolvedOptions): RequestPolicy {
  // note: most calls pass no options; they share the client's policy.
  if (input === undefined) return client.policy;
  const options = checkOptionalObject(input, 'requestOptions') as RequestOptions;
  const given = checkOptionalObject(options.headers, 'requestOptions.headers');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    headers[name.toLowerCase()] = checkHeaderText(value, `requestOptions.headers.${name}`);
  }
  const { signal } = options;
  return {
    timeoutMs: checkMs(options.timeoutMs ?? client.timeoutMs, 'requestOptions.timeoutMs', 1),
    maxRetries: checkMaxRetries(
      options.maxRetries ?? client.maxRetries,
      'requestOptions.maxRetries',
    ),
    signal: check(
      signal === undefined || signal instanceof AbortSignal,
      signal,
      'requestOptions.signal',
      'an AbortSignal',
    ),
    headers,
    pageConcurrency: checkPageConcurrency(
      options.pageConcurrency ?? client.pageConcurrency,
      'requestOptions.pageConcurrency',
    ),
  };
}
