import type { Logger } from '../../logger.js';
import type { OutgoingRequest } from './outgoing-request.js';
import type { AttemptTrace } from './transport.js';

/** Atlas's rate-limit headers, the only header values a trace line shows. */
const SHOWN_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'Retry-After'];

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
export function logExchange(
  logger: Logger,
  { method, url }: OutgoingRequest,
  { attempt, attempts }: AttemptTrace,
  started: number,
  authorization?: string,
  response?: Response,
): void {
  const durationMs = Math.round(performance.now() - started);
  const step = authStep(authorization, response);
  let notes = `attempt ${attempt} of ${attempts}; ${step}`;
  for (const name of SHOWN_HEADERS) {
    const value = response?.headers.get(name);
    if (value) notes += `; ${name} ${value}`;
  }
  const status = response?.status;
  logger.debug(
    `${method} ${url.href} → ${status ? `${status} in` : 'no answer after'} ${durationMs} ms (${notes})`,
    { method, url: url.href, status, durationMs, attempt, attempts, step },
  );
}
