import { apiVersionHint } from '../../api-version.js';
import {
  type AtlasApiError,
  type AtlasApiErrorInit,
  AtlasInvalidResponseError,
  AtlasRateLimitError,
  type AtlasRequestSummary,
  apiErrorClassFor,
} from '../../errors.js';
import { parseRetryAfter } from '../../retry-policy.js';
import { isRecord, truncate } from '../validation.js';

const EXCERPT_LENGTH = 200;
/** Raw characters an excerpt is taken from; bounds the redaction scan on large bodies. */
const EXCERPT_WINDOW = 4096;
// note: a key's `secret` (or a token a proxy echoes) is user data that must not reach error
// messages and logs. Keys are bounded so the scan cannot backtrack far; a value cut off by the
// end of the window is redacted to the end.
const SECRET_JSON_VALUE =
  /("[^"\\]{0,64}(?:secret|token|password|private_?key)[^"\\]{0,64}"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|\\?$)/gi;

/** A short, single-line start of a body that was not an Atlas error document. */
export function excerpt(text: string): string {
  const line = text
    .slice(0, EXCERPT_WINDOW)
    .replace(SECRET_JSON_VALUE, '$1"[redacted]"')
    .replace(/\s+/g, ' ')
    .trim();
  return line ? truncate(line, EXCERPT_LENGTH) : '(empty body)';
}

/**
 * One readable line for a body that is not an Atlas error document: an RFC 9457 problem
 * document (a gateway's, or Prism's) by its `title` and `detail`, an HTML error page by its
 * `<title>` or first `<h1>`, anything else as an excerpt. Never a raw JSON dump of a problem.
 */
export function bodySummary(body: unknown): string {
  const { title, detail } = (isRecord(body) ? body : {}) as Record<string, unknown>;
  const parts = [title, detail].filter((part) => typeof part === 'string' && part.trim());
  if (parts.length) return excerpt(parts.join(': '));
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
  const html = /^\s*<(!doctype html|html|head|body|title|h1)/i.test(text)
    ? /<(title|h1)[^>]*>([^<]*)</i.exec(text.slice(0, EXCERPT_WINDOW))
    : undefined;
  if (html === undefined) return excerpt(text);
  const heading = html?.[2]?.trim();
  return `an HTML page${heading ? ` titled "${excerpt(heading.replace(/&amp;/g, '&'))}"` : ''}`;
}

/** Only the origin of a redirect target: its URL may carry tokens in its query. */
function originOf(location: string): string {
  try {
    return new URL(location).origin;
  } catch {
    return 'an unreadable location';
  }
}

/**
 * The typed error for a non-2xx response. `body` is what openapi-fetch decoded: an object for
 * JSON, the raw text otherwise, undefined when empty.
 */
export function errorFromResponse(
  response: Pick<Response, 'status' | 'headers'>,
  request: AtlasRequestSummary,
  body: unknown,
  apiVersion?: string,
): AtlasApiError {
  const { status, headers } = response;
  const isErrorDocument = typeof body === 'object' && body !== null && 'errorCode' in body;
  const location = headers.get('location');
  const bodyExcerpt = isErrorDocument
    ? undefined
    : status >= 300 && status < 400 && location
      ? // note: credentials stay with the configured origin.
        `redirect to ${originOf(location)} not followed`
      : bodySummary(body);
  const init = {
    status,
    headers,
    request,
    body: (isErrorDocument ? body : undefined) as AtlasApiErrorInit['body'],
    bodyExcerpt,
    hint: versionHint(status, apiVersion),
  };
  if (status === 429) {
    return new AtlasRateLimitError(init, parseRetryAfter(headers.get('retry-after')));
  }
  return new (apiErrorClassFor(status))(init);
}

/** The error for a 2xx response whose body cannot be used; `why` says what was wrong with it. */
export function invalidResponse(
  response: Pick<Response, 'status' | 'headers'>,
  request: AtlasRequestSummary,
  why: string,
): AtlasInvalidResponseError {
  return new AtlasInvalidResponseError({
    status: response.status,
    headers: response.headers,
    request,
    body: undefined,
    bodyExcerpt: why,
  });
}

/** What a 406 or 410 adds: the version asked for, the ones this release knows, how to choose. */
function versionHint(status: number, apiVersion: string | undefined): string | undefined {
  const hint = apiVersion ? apiVersionHint(status, 'the apiVersion option') : undefined;
  return hint && `API version ${apiVersion} was requested; ${hint}`;
}
