import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import {
  AtlasConnectionError,
  type AtlasError,
  AtlasTimeoutError,
  serviceAccountAuth,
} from '../../src/index.js';
import { KEY, PARAMS } from '../helpers/observed-fetch.js';
import { faultClient, LIMITS, named, settle, worstCaseMs } from './support/client.js';
import { type Fault, jsonFault, startFaultServer } from './support/fault-server.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

setFlagsFromString('--expose-gc');
/** A full garbage collection, to drop objects that only weak references still point to. */
const collectGarbage = runInNewContext('gc') as () => void;

failOnUnhandledRejections();
const servers = useFaultServers();

type ErrorClass = abstract new (...args: never[]) => AtlasError;

interface FaultCase {
  readonly name: string;
  readonly faults: Fault[];
  /** The error class the call must reject with exactly, or 'data' for the key. */
  readonly outcome: ErrorClass | 'data';
  /** Requests the server must see. */
  readonly attempts: number;
  readonly message?: RegExp;
  /** The least the call may take, when the fault makes it wait. */
  readonly minMs?: number;
}

/** Every attempt the limits allow: the first and each retry. */
const every = LIMITS.maxRetries + 1;

describe('faults on the connection end each call with the right outcome in bounded time', () => {
  test.each(
    named<FaultCase>([
      {
        name: 'a connection reset before any answer is retried, then fails with AtlasConnectionError',
        faults: [{ kind: 'reset' }],
        outcome: AtlasConnectionError,
        attempts: every,
        message:
          /^connection to http:\/\/127\.0\.0\.1:\d+ failed( \([A-Z_]+\))? on GET \/api\/atlas\/v2\/groups\//,
      },
      {
        name: 'a connection reset once is retried and the retry returns the key',
        faults: [{ kind: 'reset' }, jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
      },
      {
        name: 'a server that never answers times out on every attempt with AtlasTimeoutError',
        faults: [{ kind: 'hang' }],
        outcome: AtlasTimeoutError,
        attempts: every,
        message: /^timed out after 200 ms on GET /,
        minMs: every * LIMITS.timeoutMs - 5,
      },
      {
        name: 'a server that hangs once is retried and the retry returns the key',
        faults: [{ kind: 'hang' }, jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
        minMs: LIMITS.timeoutMs - 5,
      },
      {
        name: 'a body trickled slower than the timeout fails with AtlasTimeoutError, as the timeout covers the body',
        faults: [{ kind: 'trickle', intervalMs: 20 }],
        outcome: AtlasTimeoutError,
        attempts: every,
        minMs: every * LIMITS.timeoutMs - 5,
      },
      {
        name: 'a 200 cut off before its declared content-length fails with AtlasConnectionError',
        faults: [{ kind: 'truncated', declared: 1000, sent: '{"apiKeyId":"a86r5kwr' }],
        outcome: AtlasConnectionError,
        attempts: every,
        message: /^connection to http:\/\/127\.0\.0\.1:\d+ failed/,
      },
      {
        name: 'a 200 cut off once is retried and the retry returns the key',
        faults: [
          { kind: 'truncated', declared: 1000, sent: '{"apiKeyId":"a86r5kwr' },
          jsonFault(KEY),
        ],
        outcome: 'data',
        attempts: 2,
      },
    ]),
  )('%s', async (_, { faults, outcome, attempts, message, minMs = 0 }) => {
    const server = await servers.start();
    server.script(...faults);
    const result = await settle(() =>
      faultClient(server.url).getGroupAiModelApiKey(PARAMS).withResponse(),
    );

    if (outcome === 'data') {
      expect(result.error).toBeUndefined();
      expect(result.data?.data).toEqual(KEY);
    } else {
      expect(result.error?.constructor).toBe(outcome);
      if (message) expect(result.error?.message).toMatch(message);
    }
    expect(server.requests).toHaveLength(attempts);
    expect(result.ms).toBeGreaterThanOrEqual(minMs);
    expect(result.ms).toBeLessThan(worstCaseMs());
  });

  test('a hang times out and closes its connection even when garbage collection runs meanwhile', async () => {
    const server = await servers.start();
    server.script({ kind: 'hang' });
    const collector = setInterval(collectGarbage, 10);
    const result = await settle(() =>
      faultClient(server.url, { maxRetries: 0 }).getGroupAiModelApiKey(PARAMS),
    ).finally(() => clearInterval(collector));
    expect(result.error?.constructor).toBe(AtlasTimeoutError);
    expect(result.ms).toBeLessThan(LIMITS.timeoutMs + 600);
    // note: the client, not the server, must close the connection: the abort reached the socket.
    await expect.poll(() => server.requests[0]?.connectionOpen(), { timeout: 1000 }).toBe(false);
  });

  test('a token endpoint that never answers times out the call and the client closes that connection', async () => {
    const server = await servers.start();
    server.respond((request) =>
      request.target === '/api/oauth/token' ? { kind: 'hang' } : jsonFault(KEY),
    );
    const client = faultClient(server.url, {
      maxRetries: 0,
      auth: serviceAccountAuth({ clientId: 'mdb_sa_id', clientSecret: 'secret' }),
    });
    const collector = setInterval(collectGarbage, 10);
    const result = await settle(() => client.getGroupAiModelApiKey(PARAMS)).finally(() =>
      clearInterval(collector),
    );
    expect(result.error?.constructor).toBe(AtlasTimeoutError);
    expect(server.requests.map((r) => r.target)).toEqual(['/api/oauth/token']);
    await expect.poll(() => server.requests[0]?.connectionOpen(), { timeout: 1000 }).toBe(false);
  });

  test('a refused connection fails with AtlasConnectionError naming the origin and ECONNREFUSED, in bounded time', async () => {
    const closed = await startFaultServer();
    await closed.close();
    const result = await settle(() => faultClient(closed.url).getGroupAiModelApiKey(PARAMS));
    expect(result.error?.constructor).toBe(AtlasConnectionError);
    expect(result.error?.message).toMatch(
      new RegExp(`^connection to ${new URL(closed.url).origin} failed \\(ECONNREFUSED\\) on GET /`),
    );
    expect(result.ms).toBeLessThan(worstCaseMs());
  });

  test('a per-request timeout and retry count bound the call instead of the client defaults', async () => {
    const server = await servers.start();
    server.script({ kind: 'hang' });
    const client = faultClient(server.url, {
      timeoutMs: 60_000,
      maxRetries: 5,
    });
    const result = await settle(() =>
      client.getGroupAiModelApiKey(PARAMS, { timeoutMs: 50, maxRetries: 2 }),
    );
    expect(result.error?.constructor).toBe(AtlasTimeoutError);
    expect(result.error?.timeoutMs).toBe(50);
    expect(server.requests).toHaveLength(3);
    expect(result.ms).toBeLessThan(3 * 50 + 2 * LIMITS.retry.maxDelayMs + 600);
  });
});
