import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DigestAlgorithm, DigestChallenge } from '../../../src/auth/digest/challenge.js';
import { NonceSession } from '../../../src/auth/digest/nonce-session.js';
import { computeHa1 } from '../../../src/auth/digest/response.js';
import { digestFor, PRIVATE_KEY, PUBLIC_KEY, param, REALM } from './support/harness.js';
import { DigestVerifier, expectedResponse, parseAuthorization } from './support/verifier.js';

const BASE = new URL('https://cloud.mongodb.test');

const PASSWORD = 'SENTINEL-nonce-session-password';

function challengeOf(algorithm: DigestAlgorithm, qop: 'auth' | undefined): DigestChallenge {
  return {
    realm: 'MMS Public API',
    nonce: 'bm9uY2U=',
    algorithm,
    algorithmToken: algorithm,
    qop,
    opaque: 'op',
    stale: false,
  };
}

function sessionOf(algorithm: DigestAlgorithm, qop: 'auth' | undefined) {
  const challenge = challengeOf(algorithm, qop);
  const ha1 = computeHa1(algorithm, 'user', challenge.realm, PASSWORD);
  return { challenge, ha1, session: new NonceSession(challenge, 'user', ha1) };
}

describe('counting uses of a nonce', () => {
  it('numbers requests 00000001, 00000002, ... in lower-case hex', () => {
    const { session } = sessionOf('MD5', 'auth');
    const ncs = Array.from({ length: 20 }, () => param(session.authorize('GET', '/').header, 'nc'));
    expect(ncs.slice(0, 3)).toEqual(['00000001', '00000002', '00000003']);
    expect(ncs.slice(9, 11)).toEqual(['0000000a', '0000000b']);
    expect(session.used).toBe(20);
  });

  it('never gives two calls in flight at once the same count, whatever order their answers come back in', async () => {
    const verifier = new DigestVerifier({ realm: REALM, users: { [PUBLIC_KEY]: PRIVATE_KEY } });
    const authenticator = digestFor(BASE);
    const sent: (string | undefined)[] = [];
    const held: (() => void)[] = [];
    /** Sends GET `path`; with `hold`, the answer waits until the test lets it through. */
    const send = (path: string, hold: boolean) =>
      authenticator.send(
        { method: 'GET', url: new URL(path, BASE), signal: new AbortController().signal },
        async (authorization) => {
          sent.push(authorization);
          if (hold) await new Promise<void>((resolve) => held.push(resolve));
          const verdict = verifier.handle('GET', path, authorization);
          return new Response(null, { status: verdict.status, headers: verdict.headers });
        },
      );
    expect((await send('/first', false)).status).toBe(200);

    const calls = Array.from({ length: 50 }, (_, i) => send(`/g/${i}`, true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(held).toHaveLength(50);
    for (const answer of held.reverse()) answer();
    const responses = await Promise.all(calls);

    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    const counts = sent.slice(2).map((authorization) => param(authorization, 'nc'));
    expect(counts.sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => (i + 2).toString(16).padStart(8, '0')),
    );
    expect(verifier.violations).toEqual([]);
  });
});

describe('signing with a nonce', () => {
  const cases: [string, { algorithm: DigestAlgorithm; qop: 'auth' | undefined }][] = [
    ['MD5 with qop', { algorithm: 'MD5', qop: 'auth' }],
    ['MD5-sess with qop', { algorithm: 'MD5-sess', qop: 'auth' }],
    ['SHA-256 with qop', { algorithm: 'SHA-256', qop: 'auth' }],
    ['SHA-256-sess with qop', { algorithm: 'SHA-256-sess', qop: 'auth' }],
    ['MD5 without qop', { algorithm: 'MD5', qop: undefined }],
    ['SHA-256-sess without qop', { algorithm: 'SHA-256-sess', qop: undefined }],
  ];

  it.each(cases)(
    'produces headers the test verifier accepts for %s',
    (_name, { algorithm, qop }) => {
      const { challenge, session } = sessionOf(algorithm, qop);
      const headers = [
        session.authorize('GET', '/a?b=c').header,
        session.authorize('DELETE', '/x').header,
      ];
      const first = parseAuthorization(headers[0] as string);
      for (const [i, header] of headers.entries()) {
        const p = parseAuthorization(header);
        const value = (name: string) => p.get(name)?.value;
        expect(value('algorithm')).toBe(algorithm);
        expect(value('opaque')).toBe('op');
        expect(value('response')).toBe(
          expectedResponse({
            algorithm,
            username: 'user',
            realm: challenge.realm,
            password: PASSWORD,
            method: i === 0 ? 'GET' : 'DELETE',
            uri: i === 0 ? '/a?b=c' : '/x',
            nonce: challenge.nonce,
            ...(qop ? { qop, nc: value('nc'), cnonce: value('cnonce') } : {}),
            // RFC 2617's session key: the first request's cnonce, kept for the nonce's lifetime.
            sessionCnonce: first.get('cnonce')?.value,
          }),
        );
      }
    },
  );

  it('uses a fresh cnonce for every request of a non-sess nonce', () => {
    const { session } = sessionOf('MD5', 'auth');
    const cnonces = Array.from({ length: 50 }, () =>
      param(session.authorize('GET', '/').header, 'cnonce'),
    );
    expect(new Set(cnonces).size).toBe(50);
  });

  it('keeps the session cnonce for every request of a -sess nonce', () => {
    const { session } = sessionOf('MD5-sess', 'auth');
    const cnonces = Array.from({ length: 5 }, () =>
      param(session.authorize('GET', '/').header, 'cnonce'),
    );
    expect(new Set(cnonces).size).toBe(1);
  });

  it('recognises the same nonce with the same parameters only', () => {
    const { challenge, session } = sessionOf('MD5', 'auth');
    expect(session.matches({ ...challenge, stale: true })).toBe(true);
    expect(session.matches({ ...challenge, nonce: 'other' })).toBe(false);
    expect(session.matches({ ...challenge, opaque: 'other' })).toBe(false);
  });

  it('keeps HA1 and the password out of inspection', () => {
    const { ha1, session } = sessionOf('MD5-sess', 'auth');
    const shown = inspect(session, { depth: 10, showHidden: true }) + JSON.stringify(session);
    expect(shown).not.toContain(ha1);
    expect(shown).not.toContain(PASSWORD);
  });
});
