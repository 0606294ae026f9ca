import { credentialsOf, scrubbedCause } from '../../auth/redaction.js';
import { AtlasConnectionError, type AtlasRequestSummary } from '../../errors.js';

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

/** The system error code under a fetch failure, such as `ECONNREFUSED`. */
function failureCode(error: unknown): string | undefined {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The `AtlasConnectionError` for a fetch that failed without an answer, naming `origin` and the
 * system error code. A custom fetch may quote the request's headers in its error, so the cause is
 * kept only when it quotes none of the credentials in `authorizations`, the headers sent.
 */
export function connectionFailure(
  request: AtlasRequestSummary,
  origin: string,
  error: unknown,
  authorizations: readonly string[],
): AtlasConnectionError {
  const code = failureCode(error);
  // note: the origin only; the base URL holds no credentials, and the path follows in the message.
  return new AtlasConnectionError(
    request,
    `connection to ${origin} failed${code ? ` (${code})` : ''}`,
    {
      cause: scrubbedCause(error, credentialsOf(authorizations)),
      neverSent: code !== undefined && NEVER_SENT_CODES.has(code),
    },
  );
}
