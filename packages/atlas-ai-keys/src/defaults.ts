// note: this module imports nothing, so the `@org/atlas-ai-keys/defaults` entry can be loaded for
// a command line's help text without loading the client.

/**
 * C0 and C1 control characters and DEL: never part of an id, a credential or a header value, and
 * never shown on a terminal as they are.
 */
export const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * The variables credentials are read from, by kind in the order they are tried (Terraform's
 * precedence); for each credential of a kind, its names, earlier ones winning: the Atlas CLI's,
 * then, for an API key, Terraform's.
 */
export const CREDENTIAL_VARIABLES = {
  accessToken: [['MONGODB_ATLAS_ACCESS_TOKEN']],
  serviceAccount: [['MONGODB_ATLAS_CLIENT_ID'], ['MONGODB_ATLAS_CLIENT_SECRET']],
  digest: [
    ['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PUBLIC_KEY'],
    ['MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_PRIVATE_KEY'],
  ],
} as const satisfies Record<string, readonly (readonly string[])[]>;

/** A variable's value; an empty one counts as unset, as shells leave `VAR=` behind when clearing. */
export function readVariable(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  return env[name] || undefined;
}

/** Atlas's public endpoint, used when neither `baseUrl` nor the environment names another. */
export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';
/** Each attempt's default time limit: generous for a small JSON API, short enough to notice a hang. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;
/** The most retries a call may make after its first attempt. */
export const MAX_RETRIES = 10;
/** Pages a list's iteration fetches at once unless told otherwise. */
export const DEFAULT_PAGE_CONCURRENCY = 4;
/** The most pages a list's iteration may fetch at once: more would only draw 429s from Atlas. */
export const MAX_PAGE_CONCURRENCY = 16;
/** setTimeout's ceiling, so the longest `timeoutMs`: larger delays fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** How retries are spaced. */
export interface RetryDelays {
  /** Delay before the first retry; doubles with each further one. */
  readonly baseDelayMs: number;
  /** Ceiling of the exponential delay. */
  readonly maxDelayMs: number;
  /** Longest `Retry-After` the client waits for; a longer one ends the retries at once. */
  readonly maxRetryAfterMs: number;
}

/** Defaults in line with widely used API clients: 0.5 s doubling to 8 s, Retry-After up to 60 s. */
export const DEFAULT_RETRY_DELAYS: RetryDelays = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** The pause before retry number `retry` (1-based) before jitter, which only shortens it. */
export function backoffCeiling(retry: number, delays: RetryDelays): number {
  return Math.min(delays.baseDelayMs * 2 ** (retry - 1), delays.maxDelayMs);
}

/** Limits of a call, as `worstCase` takes them; absent ones are the client's defaults. */
export interface CallLimits {
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retry?: Partial<RetryDelays>;
}

/** How long a call can take at most, in milliseconds. */
export interface WorstCase {
  /** Attempts in all: the first and every retry. */
  readonly attempts: number;
  /** Every attempt running to its timeout, with the backoff pauses between them. */
  readonly silentMs: number;
  /** The pauses alone, at their longest. */
  readonly pausesMs: number;
  /** Each retry waiting the longest `Retry-After` the client accepts instead of its backoff. */
  readonly retryAfterMs: number;
}

/**
 * The longest a call can take under `limits`: a server that never answers costs every attempt's
 * timeout and the pauses between them; one that asks to wait (`Retry-After`, on 429 and 503) can
 * stretch each pause to `maxRetryAfterMs`.
 */
export function worstCase(limits: CallLimits = {}): WorstCase {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = limits.maxRetries ?? DEFAULT_MAX_RETRIES;
  const delays = { ...DEFAULT_RETRY_DELAYS, ...limits.retry };
  let pausesMs = 0;
  for (let retry = 1; retry <= maxRetries; retry++) pausesMs += backoffCeiling(retry, delays);
  const attempts = maxRetries + 1;
  return {
    attempts,
    silentMs: attempts * timeoutMs + pausesMs,
    pausesMs,
    retryAfterMs: attempts * timeoutMs + maxRetries * Math.max(delays.maxRetryAfterMs, 0),
  };
}

/** Whether a URL's hostname is the loopback interface, where plain http keeps credentials on the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/.test(hostname);
}
