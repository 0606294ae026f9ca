import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  captureLogger,
  digestFor,
  PRIVATE_KEY,
  PUBLIC_KEY,
  param,
  pool,
  REALM,
} from './support/harness.js';
import { serveVerifier, type TestServer } from './support/servers.js';
import { DigestVerifier, type VerifierOptions } from './support/verifier.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Partial<VerifierOptions>) {
  const verifier = new DigestVerifier({
    realm: REALM,
    users: { [PUBLIC_KEY]: PRIVATE_KEY },
    offers: [{ algorithm: 'SHA-256', qop: 'auth' }],
    ...options,
  });
  server = await serveVerifier(verifier);
  return { verifier, server, url: new URL('/api/atlas/v2/groups', server.url) };
}

describe('a server that rotates its nonce with stale=true', () => {
  it('re-challenges transparently: 50 calls cost 50 + 1 + one request per rotation', async () => {
    const { verifier, server, url } = await start({ nonceUses: 10 });
    const authenticator = digestFor(server.url);

    const results = [];
    for (let i = 0; i < 50; i++) results.push(await call(authenticator, url));

    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    // Calls 11, 21, 31 and 41 find their nonce used up.
    expect(server.staleChallenges()).toBe(4);
    expect(server.requests()).toBe(50 + 1 + 4);
    expect(results.map((r) => r.requests)).toEqual(
      results.map((_, i) => (i === 0 || (i % 10 === 0 && i > 0) ? 2 : 1)),
    );
    expect(verifier.violations).toEqual([]);
  });

  it('re-challenges each concurrent call at most once', async () => {
    const { verifier, server } = await start({ nonceUses: 7 });
    const authenticator = digestFor(server.url);

    const results = await pool(60, 6, (i) => call(authenticator, new URL(`/g/${i}`, server.url)));

    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(Math.max(...results.map((r) => r.requests))).toBe(2);
    expect(server.requests()).toBe(60 + 1 + server.staleChallenges());
    expect(verifier.violations).toEqual([]);
  });

  it('returns the second stale 401 as final instead of looping', async () => {
    const { server, url } = await start({ alwaysStale: true });
    const authenticator = digestFor(server.url);

    const first = await call(authenticator, url);
    const second = await call(authenticator, url);

    expect(first).toMatchObject({ status: 401, requests: 3 });
    expect(second).toMatchObject({ status: 401, requests: 2 });
  });
});

describe('a server that refuses reused nonces without stale', () => {
  it('switches to a fresh challenge per call: every one of 50 calls costs exactly 2 requests', async () => {
    const { lines, logger } = captureLogger();
    const { verifier, server, url } = await start({ refuseReuse: true });
    const authenticator = digestFor(server.url, { logger });

    const results = [];
    for (let i = 0; i < 50; i++) results.push(await call(authenticator, url));

    // Call 1 fetches the challenge (2 requests); call 2 tries the nonce again, is refused and
    // answers the fresh challenge in the refusal (2); from call 3 on every call sends
    // unauthenticated first and answers its own challenge with nc=00000001 (2). None costs 3.
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.map((r) => r.requests)).toEqual(Array(50).fill(2));
    expect(server.requests()).toBe(100);
    expect(param(results[1]?.authorizations[0], 'nc')).toBe('00000002');
    for (const result of results.slice(2)) {
      expect(result.authorizations[0]).toBeUndefined();
      expect(param(result.authorizations[1], 'nc')).toBe('00000001');
    }
    expect(lines.filter((l) => l.includes('refused a reused nonce'))).toHaveLength(1);
    expect(verifier.violations).toEqual([]);
  });

  it('never costs more than 2 requests per call under concurrency', async () => {
    const { verifier, server } = await start({ refuseReuse: true });
    const authenticator = digestFor(server.url);

    const results = await pool(50, 5, (i) => call(authenticator, new URL(`/g/${i}`, server.url)));

    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.map((r) => r.requests)).toEqual(Array(50).fill(2));
    expect(server.requests()).toBe(100);
    expect(verifier.violations).toEqual([]);
  });

  it('tries reuse again once the cooldown is over, still at 2 requests per call', async () => {
    const { lines, logger } = captureLogger();
    let now = 1_000_000;
    const { server, url } = await start({ refuseReuse: true });
    const authenticator = digestFor(server.url, {
      logger,
      reuseCooldownMs: 60_000,
      now: () => now,
    });
    for (let i = 0; i < 3; i++) await call(authenticator, url);

    now += 59_999;
    const during = await call(authenticator, url);
    now += 1;
    const after = await call(authenticator, url);
    const next = await call(authenticator, url);

    expect(during.authorizations[0]).toBeUndefined();
    expect(after.authorizations[0]).toBeDefined();
    expect(after).toMatchObject({ status: 200, requests: 2 });
    expect(next.authorizations[0]).toBeUndefined();
    expect(
      lines.filter((l) => l.startsWith('debug digest: trying nonce reuse again')),
    ).toHaveLength(1);
    expect(lines.filter((l) => l.includes('refused a reused nonce'))).toHaveLength(2);
  });

  it('keeps reusing nonces against a server that accepts them', async () => {
    const { lines, logger } = captureLogger();
    const { server, url } = await start({});
    const authenticator = digestFor(server.url, { logger });

    for (let i = 0; i < 10; i++) await call(authenticator, url);

    expect(server.requests()).toBe(11);
    expect(lines.filter((l) => l.includes('refused'))).toEqual([]);
  });
});
