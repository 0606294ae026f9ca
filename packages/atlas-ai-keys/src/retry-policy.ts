import { backoffCeiling, type RetryDelays } from './defaults.js';

export { DEFAULT_RETRY_DELAYS, type RetryDelays } from './defaults.js';

// note: PATCH is not idempotent in general, but every PATCH of this API sets fields to given
// values, so repeating one is harmless; only POST creates, and a repeated POST a second key.
const REPEATABLE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];

/**
 * Whether a status may be retried for a method. A 429 means the request was not processed, so
 * any method may retry it; the 5xx statuses only for methods safe to repeat, since the request
 * may have taken effect.
 */
export function isRetryableStatus(status: number, method: string): boolean {
  return (
    status === 429 || ([500, 502, 503, 504].includes(status) && REPEATABLE_METHODS.includes(method))
  );
}

/**
 * Whether a connection failure or timeout may be retried for a method: always for methods safe
 * to repeat, and for POST only when the request surely never reached the server.
 */
export function isRetryableFailure(method: string, neverSent: boolean): boolean {
  return neverSent || REPEATABLE_METHODS.includes(method);
}

/** Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter for retry number `retry` (1-based): 75–100 % of the doubled delay. */
export function backoffDelay(retry: number, delays: RetryDelays, random = Math.random): number {
  return Math.round(backoffCeiling(retry, delays) * (1 - random() * 0.25));
}
