import { keyMediaType } from './spec-examples.js';

/** One request as a client would send it: a bearer token, the versioned media type, JSON bodies. */
export function atlasRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: 'Bearer test',
      accept: keyMediaType,
      ...(options.body === undefined ? {} : { 'content-type': keyMediaType }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}
