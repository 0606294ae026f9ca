import { describe, expect, it } from 'vitest';
import type { DigestChallenge } from '../../../src/auth/digest/challenge.js';
import {
  computeHa1,
  computeResponse,
  computeSessionHa1,
  createCnonce,
  formatAuthorization,
  formatNc,
  headerTemplate,
  quote,
} from '../../../src/auth/digest/response.js';
import { expectedResponse } from './support/verifier.js';

// RFC 7616 §3.9.1 and RFC 2617 §3.5 examples, with the published responses.
const RFC7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  uri: '/dir/index.html',
};

describe('computing the response', () => {
  const cases: [
    string,
    { given: Parameters<typeof expectedResponse>[0] & { cnonce: string }; want: string },
  ][] = [
    [
      'matches the RFC 7616 MD5 example',
      {
        given: { ...RFC7616, algorithm: 'MD5', method: 'GET', qop: 'auth', nc: '00000001' },
        want: '8ca523f5e9506fed4657c9700eebdbec',
      },
    ],
    [
      'matches the RFC 7616 SHA-256 example',
      {
        given: { ...RFC7616, algorithm: 'SHA-256', method: 'GET', qop: 'auth', nc: '00000001' },
        want: '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
      },
    ],
    [
      'matches the RFC 2617 example',
      {
        given: {
          algorithm: 'MD5',
          username: 'Mufasa',
          password: 'Circle Of Life',
          realm: 'testrealm@host.com',
          nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
          uri: '/dir/index.html',
          method: 'GET',
          qop: 'auth',
          nc: '00000001',
          cnonce: '0a4f113b',
        },
        want: '6629fae49393a05397450978507c4ef1',
      },
    ],
  ];

  it.each(cases)('%s, as does the test verifier', (_name, { given, want }) => {
    const ha1 = computeHa1(given.algorithm, given.username, given.realm, given.password);
    const response = computeResponse({
      algorithm: given.algorithm,
      ha1,
      nonce: given.nonce,
      method: given.method,
      uri: given.uri,
      qop: 'auth',
      nc: given.nc ?? '',
      cnonce: given.cnonce,
    });
    expect(response).toBe(want);
    expect(expectedResponse(given)).toBe(want);
  });

  const variants: [
    string,
    { algorithm: 'MD5-sess' | 'SHA-256-sess' | 'MD5' | 'SHA-256'; qop: 'auth' | undefined },
  ][] = [
    ['MD5-sess with qop', { algorithm: 'MD5-sess', qop: 'auth' }],
    ['SHA-256-sess with qop', { algorithm: 'SHA-256-sess', qop: 'auth' }],
    ['MD5-sess without qop', { algorithm: 'MD5-sess', qop: undefined }],
    ['MD5 without qop', { algorithm: 'MD5', qop: undefined }],
    ['SHA-256 without qop', { algorithm: 'SHA-256', qop: undefined }],
  ];

  it.each(variants)('agrees with the test verifier for %s', (_name, { algorithm, qop }) => {
    const base = computeHa1(algorithm, RFC7616.username, RFC7616.realm, RFC7616.password);
    const ha1 = algorithm.endsWith('-sess')
      ? computeSessionHa1(algorithm, base, RFC7616.nonce, RFC7616.cnonce)
      : base;
    const response = computeResponse({
      algorithm,
      ha1,
      nonce: RFC7616.nonce,
      method: 'POST',
      uri: '/api?x=1',
      qop,
      nc: '0000002a',
      cnonce: RFC7616.cnonce,
    });
    expect(response).toBe(
      expectedResponse({
        ...RFC7616,
        algorithm,
        method: 'POST',
        uri: '/api?x=1',
        sessionCnonce: RFC7616.cnonce,
        ...(qop ? { qop, nc: '0000002a' } : {}),
      }),
    );
  });
});

describe('formatting header values', () => {
  const counts: [string, { given: number; want: string }][] = [
    ['pads the first count to 8 digits', { given: 1, want: '00000001' }],
    ['writes hex in lower case', { given: 0xab, want: '000000ab' }],
    ['writes the last count', { given: 0xffffffff, want: 'ffffffff' }],
  ];
  it.each(counts)('nc %s', (_name, { given, want }) => {
    expect(formatNc(given)).toBe(want);
  });

  const quoted: [string, { given: string; want: string }][] = [
    ['quotes a plain value', { given: 'abcdefgh', want: '"abcdefgh"' }],
    ['escapes double quotes', { given: 'a"b', want: '"a\\"b"' }],
    ['escapes backslashes', { given: 'a\\b', want: '"a\\\\b"' }],
  ];
  it.each(quoted)('quote %s', (_name, { given, want }) => {
    expect(quote(given)).toBe(want);
  });
});

describe('building the Authorization header', () => {
  const challenge: DigestChallenge = {
    realm: RFC7616.realm,
    nonce: RFC7616.nonce,
    algorithm: 'SHA-256',
    algorithmToken: 'SHA-256',
    qop: 'auth',
    opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    stale: false,
  };
  const cases: [
    string,
    {
      given: { username: string; challenge: DigestChallenge; nc?: string; cnonce?: string };
      want: string;
    },
  ][] = [
    [
      'echoes algorithm and opaque and sends qop, nc and cnonce',
      {
        given: { username: 'Mufasa', challenge, nc: '00000001', cnonce: 'c' },
        want: 'Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html?a=1", algorithm=SHA-256, opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", qop=auth, nc=00000001, cnonce="c", response="r"',
      },
    ],
    [
      'leaves out algorithm, opaque, qop, nc and cnonce when the server sent none',
      {
        given: {
          username: 'Mufasa',
          challenge: {
            ...challenge,
            algorithm: 'MD5',
            algorithmToken: undefined,
            qop: undefined,
            opaque: undefined,
          },
        },
        want: 'Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html?a=1", response="r"',
      },
    ],
    [
      'sends the cnonce a -sess answer needs even without qop',
      {
        given: {
          username: 'u',
          challenge: {
            ...challenge,
            realm: 'r',
            nonce: 'n',
            algorithm: 'MD5-sess',
            algorithmToken: 'MD5-sess',
            qop: undefined,
            opaque: undefined,
          },
          cnonce: 'c',
        },
        want: 'Digest username="u", realm="r", nonce="n", uri="/dir/index.html?a=1", algorithm=MD5-sess, cnonce="c", response="r"',
      },
    ],
    [
      'escapes the username and the echoed realm',
      {
        given: {
          username: 'a"b\\c',
          challenge: {
            ...challenge,
            realm: 'MMS "Public" API',
            nonce: 'n',
            opaque: undefined,
            algorithmToken: undefined,
            qop: undefined,
          },
        },
        want: 'Digest username="a\\"b\\\\c", realm="MMS \\"Public\\" API", nonce="n", uri="/dir/index.html?a=1", response="r"',
      },
    ],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    const header = formatAuthorization(headerTemplate(given.username, given.challenge), {
      uri: '/dir/index.html?a=1',
      response: 'r',
      nc: given.nc,
      cnonce: given.cnonce,
    });
    expect(header).toBe(want);
  });
});

describe('client nonces', () => {
  it('are 32 lower-case hex digits and never repeat', () => {
    const cnonces = Array.from({ length: 2000 }, () => createCnonce());
    expect(cnonces.every((c) => /^[0-9a-f]{32}$/.test(c))).toBe(true);
    expect(new Set(cnonces).size).toBe(cnonces.length);
  });
});
