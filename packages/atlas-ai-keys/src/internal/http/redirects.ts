import type { OutgoingRequest } from './outgoing-request.js';

/** Redirects one attempt follows at most. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The request a redirect asks for, or undefined when `response` is not one to follow: not a
 * redirect, no readable `Location`, or a target outside `origin` (credentials never leave it).
 * A 303, and a 301 or 302 answering a POST, switch to a GET without a body, as browsers do, so
 * that following it cannot create a second key.
 */
export function redirected(
  request: OutgoingRequest,
  response: Response,
  origin: string,
): OutgoingRequest | undefined {
  if (!REDIRECT_STATUSES.has(response.status)) return undefined;
  const location = response.headers.get('location');
  if (!location) return undefined;
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  const toGet = response.status === 303 || (response.status <= 302 && request.method === 'POST');
  if (!toGet) return { ...request, url };
  const { 'content-type': _, ...headers } = request.headers;
  return { method: 'GET', url, headers, body: null };
}
