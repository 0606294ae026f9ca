import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AtlasAuthError, createAtlasAiKeysClient, digestAuth } from '../../../src/index.js';
import { rejectionOf } from '../../helpers/observed-fetch.js';
import { call, digestFor, PRIVATE_KEY, PUBLIC_KEY, param, pool, REALM } from './support/harness.js';
import { type Exchanged, serveHttpAuth, type TestServer } from './support/servers.js';

// http-auth 4.2.1 is an independent Digest server from npm: MD5 and MD5-sess, qop auth or none.

const variants: [string, { algorithm: 'MD5' | 'MD5-sess'; qop: 'auth' | 'none' }][] = [
  ['MD5 with qop=auth', { algorithm: 'MD5', qop: 'auth' }],
  ['MD5 without qop', { algorithm: 'MD5', qop: 'none' }],
  ['MD5-sess with qop=auth', { algorithm: 'MD5-sess', qop: 'auth' }],
  ['MD5-sess without qop', { algorithm: 'MD5-sess', qop: 'none' }],
];

let server: TestServer | undefined;

/**
 * Reads the server's log in arrival order: the (nonce, nc) pairs sent more than once, and the
 * stale 401s that answered a count below one the server had already accepted for that nonce,
 * which a request signed later but delivered sooner explains.
 */
function countsSeen(exchanges: readonly Exchanged[]) {
  const sent = new Set<string>();
  const repeated: string[] = [];
  const highestAccepted = new Map<string, number>();
  let overtaken = 0;
  for (const { authorization, status, stale } of exchanges) {
    const nonce = param(authorization, 'nonce');
    const nc = param(authorization, 'nc');
    if (nonce === undefined || nc === undefined) continue;
    const pair = `${nonce} ${nc}`;
    if (sent.has(pair)) repeated.push(pair);
    sent.add(pair);
    const count = Number.parseInt(nc, 16);
    const highest = highestAccepted.get(nonce) ?? 0;
    if (status === 200) highestAccepted.set(nonce, Math.max(highest, count));
    else if (stale && count < highest) overtaken++;
  }
  return { repeated, overtaken };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function start(
  options: { algorithm: 'MD5' | 'MD5-sess'; qop: 'auth' | 'none' },
  password = PRIVATE_KEY,
) {
  return serveHttpAuth({ realm: REALM, username: PUBLIC_KEY, password, ...options });
}

describe.each(variants)('against http-auth, %s', (_name, options) => {
  it('answers the first challenge and then signs up front', async () => {
    server = await start(options);
    const authenticator = digestFor(server.url, { allowRfc2069: options.qop === 'none' });
    const url = new URL('/api/atlas/v2/groups?pageNum=1', server.url);

    const first = await call(authenticator, url);
    const second = await call(authenticator, url, { method: 'POST' });

    expect(first).toMatchObject({ status: 200, requests: 2 });
    expect(first.authorizations[0]).toBeUndefined();
    expect(param(first.authorizations[1], 'uri')).toBe('/api/atlas/v2/groups?pageNum=1');
    expect(second).toMatchObject({ status: 200, requests: 1 });
    if (options.qop === 'auth') {
      expect(param(first.authorizations[1], 'nc')).toBe('00000001');
      expect(param(second.authorizations[0], 'nc')).toBe('00000002');
    } else {
      expect(param(second.authorizations[0], 'nc')).toBeUndefined();
    }
  });

  it('makes 100 sequential calls with exactly 101 requests and one challenge', async () => {
    server = await start(options);
    const authenticator = digestFor(server.url, { allowRfc2069: options.qop === 'none' });
    const url = new URL('/api/atlas/v2/groups', server.url);

    for (let i = 0; i < 100; i++) {
      expect((await call(authenticator, url)).status).toBe(200);
    }

    expect(server.requests()).toBe(101);
    expect(server.challenges()).toBe(1);
  });

  it('makes 100 calls at concurrency 10, every one succeeding in at most 2 requests', async () => {
    server = await start(options);
    const authenticator = digestFor(server.url, { allowRfc2069: options.qop === 'none' });

    const results = await pool(100, 10, (i) =>
      call(authenticator, new URL(`/api/atlas/v2/groups/${i}`, server?.url)),
    );

    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(Math.max(...results.map((r) => r.requests))).toBeLessThanOrEqual(2);
    // http-auth wants each nc above the last it accepted for the nonce (RFC 7616 only forbids
    // repeats), and fetch opens new connections during the burst, so a later count can overtake an
    // earlier one. Each such stale 401 costs exactly one extra request; only one challenge is real.
    // A stale 401 for any other reason (a count sent twice, one that does not go up) is a fault.
    const { repeated, overtaken } = countsSeen(server.exchanges());
    expect(repeated).toEqual([]);
    expect(server.staleChallenges()).toBe(overtaken);
    expect(server.challenges() - server.staleChallenges()).toBe(1);
    expect(server.requests()).toBe(101 + server.staleChallenges());
    if (options.qop === 'none') {
      expect(server.requests()).toBe(101);
      expect(server.challenges()).toBe(1);
    }
  });

  it('makes 100 calls at concurrency 10 over one ordered connection with exactly 101 requests and one challenge', async () => {
    server = await start(options);
    const authenticator = digestFor(server.url, { allowRfc2069: options.qop === 'none' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    const results = await pool(100, 10, (i) =>
      call(authenticator, new URL(`/api/atlas/v2/groups/${i}`, server?.url), { agent }),
    );
    agent.destroy();

    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(server.requests()).toBe(101);
    expect(server.challenges()).toBe(1);
  });

  it('returns the 401 after exactly 2 requests when the private key is wrong', async () => {
    server = await start(options, 'the-right-private-key');
    const authenticator = digestFor(server.url, { allowRfc2069: options.qop === 'none' });

    const result = await call(authenticator, new URL('/api/atlas/v2/groups', server.url));

    expect(result).toMatchObject({ status: 401, requests: 2 });
    expect(server.requests()).toBe(2);
  });
});

describe('against http-auth without qop, RFC 2069 not allowed', () => {
  it.each([
    ['MD5', { algorithm: 'MD5', qop: 'none' }],
    ['MD5-sess', { algorithm: 'MD5-sess', qop: 'none' }],
  ] as const)(
    'refuses the %s challenge, saying why and how to allow it, before answering it',
    async (_name, options) => {
      server = await start(options);
      const client = createAtlasAiKeysClient({
        baseUrl: server.url.href,
        auth: digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY }),
        logLevel: 'off',
      });

      const error = await rejectionOf(
        client.keys.get({ groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'a1' }),
      );

      expect(error).toBeInstanceOf(AtlasAuthError);
      expect(error.message).toMatch(/no qop=auth \(RFC 2069\).*allowRfc2069: true/);
      expect(error.message).not.toContain(PRIVATE_KEY);
      expect(server.requests()).toBe(1);
      expect(server.authorized()).toBe(0);
    },
  );
});
