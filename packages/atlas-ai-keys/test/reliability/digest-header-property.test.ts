import { parse } from '@mitmaro/http-authorization-header';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DigestAlgorithm, DigestChallenge } from '../../src/auth/digest/challenge.js';
import { NonceSession } from '../../src/auth/digest/nonce-session.js';
import { computeHa1 } from '../../src/auth/digest/response.js';
import { expectedResponse } from '../auth/digest/support/verifier.js';

const char = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCharCode(code));

/** Printable ASCII with quotes and backslashes drawn often: what a public key may hold. */
const usernames = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\'), char(0x20, 0x7e)),
  minLength: 1,
  maxLength: 24,
});

/**
 * What a server can put in a quoted-string (RFC 9110 §5.6.4: HTAB, SP, visible ASCII and
 * obs-text), so what a challenge can give us to echo back.
 */
const quotedText = (minLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', '\\', ',', '=', '\t', ' '),
      char(0x21, 0x7e),
      char(0x80, 0xff),
    ),
    minLength,
    maxLength: 32,
  });

const ALGORITHMS: Record<string, DigestAlgorithm> = {
  md5: 'MD5',
  'md5-sess': 'MD5-sess',
  'sha-256': 'SHA-256',
  'sha-256-sess': 'SHA-256-sess',
};

/** The request-target as the transport derives it: a URL's path and query. */
const uris = fc
  .tuple(fc.webPath(), fc.option(fc.webQueryParameters(), { nil: undefined }))
  .map(([path, query]) => {
    const url = new URL('https://h.test/');
    url.pathname = path;
    if (query !== undefined) url.search = query;
    return url.pathname + url.search;
  });

const inputs = fc.record({
  username: usernames,
  password: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
  realm: quotedText(0),
  nonce: quotedText(1),
  opaque: fc.option(quotedText(0), { nil: undefined }),
  algorithmToken: fc.constantFrom(
    undefined,
    'MD5',
    'md5',
    'MD5-sess',
    'SHA-256',
    'sha-256',
    'SHA-256-sess',
    'Sha-256-Sess',
  ),
  qop: fc.constantFrom('auth' as const, undefined),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  uri: uris,
  uses: fc.integer({ min: 1, max: 3 }),
});

describe('the digest Authorization header parses back field for field with an independent parser', () => {
  test('every field we put in comes out of @mitmaro/http-authorization-header unchanged', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const algorithm = ALGORITHMS[
          (input.algorithmToken ?? 'MD5').toLowerCase()
        ] as DigestAlgorithm;
        const challenge: DigestChallenge = {
          realm: input.realm,
          nonce: input.nonce,
          algorithm,
          algorithmToken: input.algorithmToken,
          qop: input.qop,
          opaque: input.opaque,
          stale: false,
        };
        const ha1 = computeHa1(algorithm, input.username, input.realm, input.password);
        const session = new NonceSession(challenge, input.username, ha1);
        let header = '';
        for (let use = 0; use < input.uses; use++) {
          header = session.authorize(input.method, input.uri).header;
        }

        const parsed = parse(header);
        expect(parsed.scheme).toBe('Digest');
        const values = parsed.values ?? [];
        const fields = Object.fromEntries(values);
        expect(Object.keys(fields)).toHaveLength(values.length);

        const sendsCnonce = input.qop !== undefined || algorithm.endsWith('-sess');
        const cnonce = fields.cnonce;
        if (sendsCnonce) expect(cnonce).toMatch(/^[0-9a-f]{32}$/);
        const nc = input.uses.toString(16).padStart(8, '0');
        expect(fields).toEqual({
          username: input.username,
          realm: input.realm,
          nonce: input.nonce,
          uri: input.uri,
          ...(input.algorithmToken === undefined ? {} : { algorithm: input.algorithmToken }),
          ...(input.opaque === undefined ? {} : { opaque: input.opaque }),
          ...(input.qop === undefined ? {} : { qop: input.qop, nc }),
          ...(sendsCnonce ? { cnonce } : {}),
          response: expectedResponse({
            algorithm,
            username: input.username,
            realm: input.realm,
            password: input.password,
            method: input.method,
            uri: input.uri,
            nonce: input.nonce,
            qop: input.qop,
            nc,
            cnonce,
            sessionCnonce: cnonce,
          }),
        });
      }),
      { numRuns: 300 },
    );
  });
});
