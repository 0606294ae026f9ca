import { afterEach, describe, expect, it } from 'vitest';
import type { DigestChallenge } from '../../../src/auth/digest/challenge.js';
import { selectDigestChallenge } from '../../../src/auth/digest/challenge.js';
import { NonceSession } from '../../../src/auth/digest/nonce-session.js';
import { computeHa1 } from '../../../src/auth/digest/response.js';
import { call, digestFor, PRIVATE_KEY, PUBLIC_KEY, param, pool, REALM } from './support/harness.js';
import { serveHttpAuth, serveVerifier, type TestServer } from './support/servers.js';
import { DigestVerifier, type Offer, type VerifierOptions } from './support/verifier.js';

// No Digest server on npm implements SHA-256 (http-auth, passport-http, passport-http-2,
// modern-passport-http and @mreal/digest-auth stop at MD5-sess), so these run against the strict
// verifier in ./support, which is itself checked against the RFC examples and against http-auth.

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Partial<VerifierOptions> = {}) {
  const verifier = new DigestVerifier({
    realm: REALM,
    users: { [PUBLIC_KEY]: PRIVATE_KEY },
    ...options,
  });
  server = await serveVerifier(verifier);
  return { verifier, server };
}

const offers: [string, Offer][] = [
  ['MD5 with qop=auth', { algorithm: 'MD5', qop: 'auth' }],
  ['MD5 without qop', { algorithm: 'MD5' }],
  ['MD5 named by no algorithm parameter', { qop: 'auth' }],
  ['MD5-sess with qop=auth', { algorithm: 'MD5-sess', qop: 'auth' }],
  ['SHA-256 with qop=auth', { algorithm: 'SHA-256', qop: 'auth' }],
  ['SHA-256 with qop="auth,auth-int"', { algorithm: 'SHA-256', qop: 'auth,auth-int' }],
  ['SHA-256 without qop', { algorithm: 'SHA-256' }],
  ['SHA-256-sess with qop="auth-int, auth"', { algorithm: 'SHA-256-sess', qop: 'auth-int, auth' }],
  ['SHA-256-sess without qop', { algorithm: 'SHA-256-sess' }],
];

describe.each(offers)('against the strict verifier, %s', (_name, offer) => {
  it.each([
    ['the first request of the nonce keys the session', 'first-cnonce'],
    ['each request keys its own session', 'per-request'],
  ] as const)('makes 20 sequential calls in 21 requests when %s', async (_key, sessionKey) => {
    const { verifier, server } = await start({ offers: [offer], sessionKey });
    const authenticator = digestFor(server.url, { allowRfc2069: !offer.qop });

    for (let i = 0; i < 20; i++) {
      const result = await call(
        authenticator,
        new URL(`/api/atlas/v2/groups?page=${i}`, server.url),
        {
          method: i % 2 ? 'POST' : 'GET',
        },
      );
      expect(result.status).toBe(200);
    }

    expect(verifier.violations).toEqual([]);
    expect(server.requests()).toBe(21);
    expect(server.challenges()).toBe(1);
    const sess = offer.algorithm?.endsWith('-sess') ?? false;
    expect(new Set(verifier.cnonces).size).toBe(sess ? 1 : offer.qop ? 20 : 0);
  });

  it('makes 100 calls at concurrency 10 with exactly 101 requests and one challenge', async () => {
    const { verifier, server } = await start({ offers: [offer] });
    const authenticator = digestFor(server.url, { allowRfc2069: !offer.qop });

    const results = await pool(100, 10, (i) =>
      call(authenticator, new URL(`/api/atlas/v2/groups/${i}`, server.url)),
    );

    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(verifier.violations).toEqual([]);
    expect(server.requests()).toBe(101);
    expect(server.challenges()).toBe(1);
  });

  it('returns the 401 after exactly 2 requests when the private key is wrong', async () => {
    const { verifier, server } = await start({ offers: [offer], users: { [PUBLIC_KEY]: 'other' } });
    const authenticator = digestFor(server.url, { allowRfc2069: !offer.qop });

    const result = await call(authenticator, new URL('/api/atlas/v2/groups', server.url));

    expect(result).toMatchObject({ status: 401, requests: 2 });
    expect(verifier.violations).toEqual([]);
  });
});

describe('choosing among challenges over HTTP', () => {
  it('answers the SHA-256 challenge when Basic, MD5 and SHA-256 are offered', async () => {
    const { verifier, server } = await start({
      before: 'Basic realm="fallback"',
      offers: [
        { algorithm: 'MD5', qop: 'auth' },
        { algorithm: 'SHA-256', qop: 'auth' },
      ],
    });
    const authenticator = digestFor(server.url);

    const first = await call(authenticator, new URL('/a', server.url));
    const second = await call(authenticator, new URL('/b', server.url));

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(param(first.authorizations[1], 'algorithm')).toBe('SHA-256');
    expect(param(second.authorizations[0], 'response')).toMatch(/^[0-9a-f]{64}$/);
    expect(verifier.violations).toEqual([]);
  });

  it('echoes a realm with quotes, commas and backslashes, and the opaque value', async () => {
    const realm = 'MMS "Public" API, v2 \\ test';
    const { verifier, server } = await start({ realm });
    const authenticator = digestFor(server.url);

    const result = await call(authenticator, new URL('/a?b=c&d=%20e', server.url));

    expect(result.status).toBe(200);
    expect(param(result.authorizations[1], 'realm')).toBe(realm);
    expect(param(result.authorizations[1], 'opaque')).toMatch(/^[0-9a-f]{16}$/);
    expect(param(result.authorizations[1], 'uri')).toBe('/a?b=c&d=%20e');
    expect(verifier.violations).toEqual([]);
  });
});

describe('the test verifier itself', () => {
  it.each([
    ['MD5 with qop=auth', { algorithm: 'MD5', qop: 'auth' }],
    ['MD5 without qop', { algorithm: 'MD5', qop: 'none' }],
    ['MD5-sess with qop=auth', { algorithm: 'MD5-sess', qop: 'auth' }],
    ['MD5-sess without qop', { algorithm: 'MD5-sess', qop: 'none' }],
  ] as const)('accepts the very header http-auth accepted, for %s', async (_name, options) => {
    const httpAuth = await serveHttpAuth({
      realm: REALM,
      username: PUBLIC_KEY,
      password: PRIVATE_KEY,
      ...options,
    });
    try {
      const target = '/api/atlas/v2/groups?x=1';
      const url = new URL(target, httpAuth.url);
      const unauthenticated = await fetch(url);
      await unauthenticated.arrayBuffer();
      const challenge = selectDigestChallenge(
        unauthenticated.headers.get('www-authenticate'),
        true,
      ) as DigestChallenge;
      const { header } = new NonceSession(
        challenge,
        PUBLIC_KEY,
        computeHa1(challenge.algorithm, PUBLIC_KEY, REALM, PRIVATE_KEY),
      ).authorize('GET', target);

      const accepted = await fetch(url, { headers: { authorization: header } });
      await accepted.arrayBuffer();
      const verifier = new DigestVerifier({ realm: REALM, users: { [PUBLIC_KEY]: PRIVATE_KEY } });
      verifier.acceptNonce(challenge.nonce, {
        algorithm: options.algorithm,
        ...(options.qop === 'auth' ? { qop: 'auth' } : {}),
      });

      expect(accepted.status).toBe(200);
      expect(verifier.handle('GET', target, header).status).toBe(200);
      expect(verifier.violations).toEqual([]);
    } finally {
      await httpAuth.close();
    }
  });

  const tampered: [string, { given: (header: string) => string; want: number }][] = [
    [
      'refuses a wrong response',
      {
        given: (h) => h.replace(/response="(.)/, (_, c) => `response="${c === '0' ? '1' : '0'}`),
        want: 401,
      },
    ],
    ['rejects a quoted nc', { given: (h) => h.replace(/nc=(\w+)/, 'nc="$1"'), want: 400 }],
    [
      'rejects an unquoted username',
      { given: (h) => h.replace(/username="(\w+)"/, 'username=$1'), want: 400 },
    ],
    [
      'rejects a uri that is not the request target',
      { given: (h) => h.replace('uri="/a"', 'uri="/b"'), want: 400 },
    ],
    ['rejects a missing opaque', { given: (h) => h.replace(/, opaque="[^"]*"/, ''), want: 400 }],
    ['rejects an upper-case nc', { given: (h) => h.replace(/nc=\w+/, 'nc=0000000A'), want: 400 }],
  ];

  /** A fresh verifier and the header our client builds from its first challenge for GET /a. */
  function firstSignedRequest() {
    const verifier = new DigestVerifier({ realm: REALM, users: { [PUBLIC_KEY]: PRIVATE_KEY } });
    const challenge = selectDigestChallenge(
      verifier.handle('GET', '/a', undefined).headers['www-authenticate'],
    ) as DigestChallenge;
    const header = new NonceSession(
      challenge,
      PUBLIC_KEY,
      computeHa1(challenge.algorithm, PUBLIC_KEY, REALM, PRIVATE_KEY),
    ).authorize('GET', '/a').header;
    return { verifier, header };
  }

  it.each(tampered)('%s', (_name, { given, want }) => {
    const { verifier, header } = firstSignedRequest();

    expect(verifier.handle('GET', '/a', given(header)).status).toBe(want);
  });

  it('rejects a repeated nc for the same nonce', () => {
    const { verifier, header } = firstSignedRequest();

    expect(verifier.handle('GET', '/a', header).status).toBe(200);
    expect(verifier.handle('GET', '/a', header).status).toBe(400);
    expect(verifier.violations).toEqual([expect.stringContaining('repeated')]);
  });
});
