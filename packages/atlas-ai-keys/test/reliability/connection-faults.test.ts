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
import { faultClient, LIMITS, named, worstCaseMs } from './support/client.js';
import { clockDriver } from './support/clock-driver.js';
import { type Fault, jsonFault, startFaultServer } from './support/fault-server.js';
import { failOnUnhandledRejections, useFaultServers } from './support/process-guard.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Full garbage collections, to drop objects that only weak references still point to; the loop
 * turns between them, as a weak reference read during one turn holds its target to its end.
 */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

failOnUnhandledRejections();
// note: on the fake clock, time passes only while the client waits on its own timers, so the
// bounds below are exact: a loaded machine cannot make a timeout fire early or late.
const servers = useFaultServers({ fakeClock: true });

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
        minMs: every * LIMITS.timeoutMs,
      },
      {
        name: 'a server that hangs once is retried and the retry returns the key',
        faults: [{ kind: 'hang' }, jsonFault(KEY)],
        outcome: 'data',
        attempts: 2,
        minMs: LIMITS.timeoutMs,
      },
      {
        name: 'a body trickled slower than the timeout fails with AtlasTimeoutError, as the timeout covers the body',
        faults: [{ kind: 'trickle', intervalMs: 20 }],
        outcome: AtlasTimeoutError,
        attempts: every,
        minMs: every * LIMITS.timeoutMs,
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
    const driver = clockDriver(server);
    const result = await driver.drive(
      () => faultClient(server.url, driver.logging).keys.get(PARAMS).withResponse(),
      { timeoutMs: LIMITS.timeoutMs },
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
    expect(result.ms).toBeLessThanOrEqual(worstCaseMs());
  });

  test('a hang times out on time and closes its connection even when garbage collection runs meanwhile', async () => {
    const server = await servers.start();
    server.script({ kind: 'hang' });
    const driver = clockDriver(server);
    const result = await driver.drive(
      () => faultClient(server.url, { maxRetries: 0, ...driver.logging }).keys.get(PARAMS),
      { timeoutMs: LIMITS.timeoutMs, whileHeld: collectGarbage },
    );
    expect(result.error?.constructor).toBe(AtlasTimeoutError);
    expect(result.ms).toBe(LIMITS.timeoutMs);
    expect(server.requests).toHaveLength(1);
    // note: the client, not the server, must close the connection: the abort reached the socket.
    await server.requests[0]?.connectionClosed;
  });

  test('a token endpoint that never answers times out the call and the client closes that connection', async () => {
    const server = await servers.start();
    server.respond((request) =>
      request.target === '/api/oauth/token' ? { kind: 'hang' } : jsonFault(KEY),
    );
    const driver = clockDriver(server);
    const client = faultClient(server.url, {
      maxRetries: 0,
      auth: serviceAccountAuth({ clientId: 'mdb_sa_id', clientSecret: 'secret' }),
      ...driver.logging,
    });
    const result = await driver.drive(() => client.keys.get(PARAMS), {
      timeoutMs: LIMITS.timeoutMs,
      whileHeld: collectGarbage,
    });
    expect(result.error?.constructor).toBe(AtlasTimeoutError);
    expect(result.ms).toBe(LIMITS.timeoutMs);
    expect(server.requests.map((r) => r.target)).toEqual(['/api/oauth/token']);
    await server.requests[0]?.connectionClosed;
  });

  test('a refused connection fails with AtlasConnectionError naming the origin and ECONNREFUSED, in bounded time', async () => {
    const closed = await startFaultServer();
    await closed.close();
    const driver = clockDriver(closed);
    const result = await driver.drive(
      () => faultClient(closed.url, driver.logging).keys.get(PARAMS),
      { timeoutMs: LIMITS.timeoutMs },
    );
    expect(result.error?.constructor).toBe(AtlasConnectionError);
    expect(result.error?.message).toMatch(
      new RegExp(`^connection to ${new URL(closed.url).origin} failed \\(ECONNREFUSED\\) on GET /`),
    );
    expect(result.ms).toBeLessThanOrEqual(worstCaseMs());
  });

  test('a per-request timeout and retry count bound the call instead of the client defaults', async () => {
    const server = await servers.start();
    server.script({ kind: 'hang' });
    const driver = clockDriver(server);
    const client = faultClient(server.url, {
      timeoutMs: 60_000,
      maxRetries: 5,
      ...driver.logging,
    });
    const result = await driver.drive(
      () => client.keys.get(PARAMS, { timeoutMs: 50, maxRetries: 2 }),
      { timeoutMs: 50 },
    );
    expect(result.error?.constructor).toBe(AtlasTimeoutError);
    expect(result.error?.timeoutMs).toBe(50);
    expect(server.requests).toHaveLength(3);
    expect(result.ms).toBeGreaterThanOrEqual(3 * 50);
    expect(result.ms).toBeLessThanOrEqual(3 * 50 + 2 * LIMITS.retry.maxDelayMs);
  });
});
