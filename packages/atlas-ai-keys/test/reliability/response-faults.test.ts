import { describe, expect, test } from 'vitest';
import {
  type AtlasAiKeysClientOptions,
  type AtlasError,
  AtlasInvalidResponseError,
  AtlasRateLimitError,
  AtlasServerError,
} from '../../src/index.js';
import { apiError, KEY, PARAMS } from '../helpers/observed-fetch.js';
import { faultClient, LIMITS, named, worstCaseMs } from './support/client.js';
import { clockDriver } from './support/clock-driver.js';
import { type Fault, jsonFault } from './support/fault-server.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

failOnUnhandledRejections();
// note: on the fake clock, time passes only while the client waits on its own timers; it starts
// on a whole second, so an HTTP date names an exact wait.
const servers = useFaultServers({ fakeClock: true });

type ErrorClass = abstract new (...args: never[]) => AtlasError;

interface FaultCase {
  readonly name: string;
  /** Built per test, so HTTP dates are relative to the test's clock. */
  readonly faults: () => Fault[];
  /** The error class the call must reject with exactly, or 'data' for the key. */
  readonly outcome: ErrorClass | 'data';
  /** Requests the server must see. */
  readonly attempts: number;
  /** Fields the error must have. */
  readonly error?: Record<string, unknown>;
  /** The least the call may take, when the server asked it to wait. */
  readonly minMs?: number;
  /** Waiting the server asked for, added to the time bound. */
  readonly waitMs?: number;
  readonly options?: AtlasAiKeysClientOptions;
}

const every = LIMITS.maxRetries + 1;
const html = (status: number): Fault => ({
  kind: 'raw',
  status,
  body: '<html><body><h1>Internal Server Error</h1></body></html>',
  headers: { 'content-type': 'text/html' },
});
const rateLimited = (retryAfter: string): Fault =>
  jsonFault(apiError(429, 'RATE_LIMITED'), 429, { 'retry-after': retryAfter });
const httpDate = (fromNowMs: number) => new Date(Date.now() + fromNowMs).toUTCString();
const raw200 = (body: string, type = 'application/vnd.atlas.preview+json'): Fault => ({
  kind: 'raw',
  status: 200,
  body,
  headers: { 'content-type': type },
});

describe('faulty answers end each call with the right outcome in bounded time', () => {
  test.each(
    named<FaultCase>([
      {
        name: 'a 503 then a 200: the retry succeeds and returns the key',
        faults: () => [jsonFault(apiError(503, 'SERVICE_UNAVAILABLE'), 503), jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
      },
      {
        name: 'a 500 with an HTML page on every attempt fails with AtlasServerError naming its heading',
        faults: () => [html(500)],
        outcome: AtlasServerError,
        attempts: every,
        error: {
          status: 500,
          errorCode: undefined,
          bodyExcerpt: 'an HTML page titled "Internal Server Error"',
        },
      },
      {
        name: 'a 429 with Retry-After in seconds is waited for, then the retry returns the key',
        faults: () => [rateLimited('1'), jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
        minMs: 1000,
        waitMs: 1000,
      },
      {
        name: 'a 429 with Retry-After as an HTTP date is waited for, then the retry returns the key',
        faults: () => [rateLimited(httpDate(2000)), jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
        minMs: 2000,
        waitMs: 2000,
      },
      {
        name: 'a 429 with Retry-After as an HTTP date already past is retried at once',
        faults: () => [rateLimited(httpDate(-60_000)), jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
      },
      {
        name: 'a 429 with Retry-After: 0 on every attempt fails with AtlasRateLimitError after all retries',
        faults: () => [rateLimited('0')],
        outcome: AtlasRateLimitError,
        attempts: every,
        error: { status: 429, errorCode: 'RATE_LIMITED', retryAfterMs: 0 },
      },
      {
        name: 'a 429 asking for longer than maxRetryAfterMs (seconds) fails at once with retryAfterMs',
        faults: () => [rateLimited('3600')],
        outcome: AtlasRateLimitError,
        attempts: 1,
        error: { retryAfterMs: 3_600_000 },
      },
      {
        name: 'a 429 asking for longer than maxRetryAfterMs (HTTP date) fails at once',
        faults: () => [rateLimited(httpDate(3_600_000))],
        outcome: AtlasRateLimitError,
        attempts: 1,
      },
      {
        name: 'a 200 whose short, complete body is invalid JSON fails with AtlasInvalidResponseError, unretried',
        faults: () => [raw200('{"apiKeyId":')],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
        error: { status: 200, bodyExcerpt: 'not a JSON object: {"apiKeyId":' },
      },
      {
        name: 'a 200 with an HTML page fails with AtlasInvalidResponseError',
        faults: () => [raw200('<html>maintenance</html>', 'text/html')],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
        error: { bodyExcerpt: 'not a JSON object: <html>maintenance</html>' },
      },
      {
        name: 'a 200 with an empty body fails with AtlasInvalidResponseError',
        faults: () => [raw200('')],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
        error: { bodyExcerpt: 'not a JSON object: (empty body)' },
      },
      {
        name: 'a 200 with JSON that is not an object (an array) fails with AtlasInvalidResponseError',
        faults: () => [raw200('[1,2]')],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
      },
      {
        name: 'a 200 with JSON null fails with AtlasInvalidResponseError',
        faults: () => [raw200('null')],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
      },
      {
        name: 'a 200 larger than maxResponseBytes with content-length fails with AtlasInvalidResponseError',
        faults: () => [{ kind: 'oversized', bytes: 64 * 1024, contentLength: true }],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
        error: { bodyExcerpt: 'response body larger than maxResponseBytes (1024 bytes)' },
        options: { maxResponseBytes: 1024 },
      },
      {
        name: 'a 200 larger than maxResponseBytes sent chunked fails with AtlasInvalidResponseError',
        faults: () => [{ kind: 'oversized', bytes: 64 * 1024, contentLength: false }],
        outcome: AtlasInvalidResponseError,
        attempts: 1,
        error: { bodyExcerpt: 'response body larger than maxResponseBytes (1024 bytes)' },
        options: { maxResponseBytes: 1024 },
      },
      {
        name: 'a 200 exactly maxResponseBytes long is accepted',
        faults: () => [raw200(JSON.stringify({ ...KEY, name: 'x'.repeat(1024) }))],
        outcome: 'data',
        attempts: 1,
        options: { maxResponseBytes: JSON.stringify({ ...KEY, name: 'x'.repeat(1024) }).length },
      },
    ]),
  )('%s', async (_, { faults, outcome, attempts, error, minMs = 0, waitMs = 0, options }) => {
    const server = await servers.start();
    server.script(...faults());
    const driver = clockDriver(server);
    const result = await driver.drive(
      () =>
        faultClient(server.url, { ...options, ...driver.logging })
          .keys.get(PARAMS)
          .withResponse(),
      { timeoutMs: LIMITS.timeoutMs },
    );

    if (outcome === 'data') {
      expect(result.error).toBeUndefined();
      expect(result.data?.data).toMatchObject({ apiKeyId: KEY.apiKeyId });
    } else {
      expect(result.error?.constructor).toBe(outcome);
      if (error) expect(result.error).toMatchObject(error);
    }
    expect(server.requests).toHaveLength(attempts);
    expect(result.ms).toBeGreaterThanOrEqual(minMs);
    expect(result.ms).toBeLessThanOrEqual(worstCaseMs(waitMs));
  });
});
