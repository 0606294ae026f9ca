import type { AtlasAiKeysClientOptions } from '../../src/index.js';
import { createAtlasAiKeysClient } from '../../src/index.js';

/** Answers one request; `attempt` counts from 0. */
export type Handler = (request: Request, attempt: number) => Response | Promise<Response>;

/** A fetch that records every request and answers with `handler`, so tests never touch the network. */
export function observedFetch(handler: Handler) {
  const requests: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return handler(request, requests.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/** A client over an observed fetch, with fast retries; `options` override the defaults. */
export function createObservedClient(handler: Handler, options: AtlasAiKeysClientOptions = {}) {
  const observed = observedFetch(handler);
  const client = createAtlasAiKeysClient({
    baseUrl: 'https://cloud.example.test',
    retry: { baseDelayMs: 1, maxDelayMs: 4 },
    logLevel: 'off',
    fetch: observed.fetch,
    ...options,
  });
  return { client, requests: observed.requests };
}

/** A JSON response with Atlas's headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const contentType = status < 300 ? 'application/vnd.atlas.2025-03-12+json' : 'application/json';
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': contentType, ...headers },
  });
}

/** Never answers; rejects like fetch when the request's signal aborts. */
export function hang(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });
}

/** A realistic key: the spec's property examples, which the Prism mock serves. */
export const KEY = {
  apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj',
  cloud: 'ANY',
  createdAt: '2026-01-15T16:47:49.855000+00:00',
  createdBy: 'John Doe',
  endpoint: 'ai.mongodb.com',
  geography: 'ANY',
  groupId: '69681d39c9e8cfd375386316',
  lastUsedAt: '2026-01-15T16:47:49.855000+00:00',
  maskedSecret: 'al-****odu2',
  name: 'Production key',
  status: 'ACTIVE',
} as const;

/** Valid parameters for the seeded key. */
export const PARAMS = { groupId: KEY.groupId, apiKeyId: KEY.apiKeyId } as const;

/** An Atlas error body. */
export function apiError(status: number, errorCode: string, detail = `${errorCode} detail`) {
  return { error: status, errorCode, detail, reason: 'Reason' };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read subclass fields of the error freely
type AnyError = Error & Record<string, any>;

/** The error a call rejects with; fails the test when the call resolves instead. */
export async function rejectionOf(call: PromiseLike<unknown>): Promise<AnyError> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to reject, but it resolved');
}
