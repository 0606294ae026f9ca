import { describe, expect, it } from 'vitest';
import {
  type DigestChallenge,
  parseAuthenticate,
  selectDigestChallenge,
} from '../../../src/auth/digest/challenge.js';

const ATLAS =
  'Digest realm="MMS Public API", domain="", nonce="Yk3Tx9+/abc=", algorithm=MD5, qop="auth", stale=false';

type Parsed = { scheme: string; params: Record<string, string>; token68?: string };

function simplify(header: string): Parsed[] {
  return parseAuthenticate(header).map((c) => ({
    scheme: c.scheme,
    params: Object.fromEntries(c.params),
    ...(c.token68 === undefined ? {} : { token68: c.token68 }),
  }));
}

describe('parsing a WWW-Authenticate header', () => {
  const cases: [string, { given: string; want: Parsed[] }][] = [
    [
      "reads Atlas's challenge",
      {
        given: ATLAS,
        want: [
          {
            scheme: 'Digest',
            params: {
              realm: 'MMS Public API',
              domain: '',
              nonce: 'Yk3Tx9+/abc=',
              algorithm: 'MD5',
              qop: 'auth',
              stale: 'false',
            },
          },
        ],
      },
    ],
    [
      'reads unquoted parameter values',
      {
        given: 'Digest realm=atlas, nonce=abc123, qop=auth, algorithm=MD5-sess',
        want: [
          {
            scheme: 'Digest',
            params: { realm: 'atlas', nonce: 'abc123', qop: 'auth', algorithm: 'MD5-sess' },
          },
        ],
      },
    ],
    [
      'keeps spaces and commas inside a quoted realm',
      {
        given: 'Digest realm="Atlas, MMS Public API, v2", nonce="n"',
        want: [{ scheme: 'Digest', params: { realm: 'Atlas, MMS Public API, v2', nonce: 'n' } }],
      },
    ],
    [
      'unescapes quoted pairs',
      {
        given: 'Digest realm="say \\"hi\\" \\\\ there", nonce="a\\bc"',
        want: [{ scheme: 'Digest', params: { realm: 'say "hi" \\ there', nonce: 'abc' } }],
      },
    ],
    [
      'splits several challenges in one header',
      {
        given:
          'Basic realm="x", Digest realm="a", nonce="1", Digest realm="a", nonce="2", algorithm=SHA-256',
        want: [
          { scheme: 'Basic', params: { realm: 'x' } },
          { scheme: 'Digest', params: { realm: 'a', nonce: '1' } },
          { scheme: 'Digest', params: { realm: 'a', nonce: '2', algorithm: 'SHA-256' } },
        ],
      },
    ],
    [
      'reads token68 and parameterless schemes',
      {
        given: 'Negotiate abc+/==, Bearer, Digest realm="r", nonce="n"',
        want: [
          { scheme: 'Negotiate', params: {}, token68: 'abc+/==' },
          { scheme: 'Bearer', params: {} },
          { scheme: 'Digest', params: { realm: 'r', nonce: 'n' } },
        ],
      },
    ],
    [
      'allows whitespace around "=" and lower-cases parameter names',
      {
        given: 'Digest REALM = "r" ,\tNonce= "n"',
        want: [{ scheme: 'Digest', params: { realm: 'r', nonce: 'n' } }],
      },
    ],
    [
      'keeps the first of duplicated parameters',
      {
        given: 'Digest realm="first", nonce="n", realm="second"',
        want: [{ scheme: 'Digest', params: { realm: 'first', nonce: 'n' } }],
      },
    ],
    [
      'skips empty list elements and stray junk',
      {
        given: ',, Digest realm="r",, @@, nonce="n" ,',
        want: [{ scheme: 'Digest', params: { realm: 'r', nonce: 'n' } }],
      },
    ],
    [
      'takes an unterminated quoted string to the end',
      {
        given: 'Digest nonce="n", realm="r, qop=auth',
        want: [{ scheme: 'Digest', params: { nonce: 'n', realm: 'r, qop=auth' } }],
      },
    ],
    ['returns nothing for an empty header', { given: '', want: [] }],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    expect(simplify(given)).toEqual(want);
  });
});

describe('choosing the Digest challenge to answer, RFC 2069 allowed', () => {
  const md5: DigestChallenge = {
    realm: 'MMS Public API',
    nonce: 'Yk3Tx9+/abc=',
    algorithm: 'MD5',
    algorithmToken: 'MD5',
    qop: 'auth',
    opaque: undefined,
    stale: false,
  };
  const cases: [string, { given: string | null; want: Partial<DigestChallenge> | undefined }][] = [
    ["answers Atlas's MD5 challenge", { given: ATLAS, want: md5 }],
    [
      'chooses auth from "auth,auth-int"',
      { given: 'Digest realm="r", nonce="n", qop="auth,auth-int"', want: { qop: 'auth' } },
    ],
    [
      'chooses auth from "auth-int, auth"',
      { given: 'Digest realm="r", nonce="n", qop="auth-int, auth"', want: { qop: 'auth' } },
    ],
    [
      'skips a challenge that only offers auth-int',
      { given: 'Digest realm="r", nonce="n", qop="auth-int"', want: undefined },
    ],
    [
      'answers a challenge without qop the RFC 2069 way',
      {
        given: 'Digest realm="r", nonce="n"',
        want: { qop: undefined, algorithm: 'MD5', algorithmToken: undefined },
      },
    ],
    [
      'treats an empty qop as no qop',
      { given: 'Digest realm="r", nonce="n", qop=""', want: { qop: undefined } },
    ],
    [
      'keeps opaque to echo it',
      {
        given: 'Digest realm="r", nonce="n", opaque="5ccc069c403ebaf9"',
        want: { opaque: '5ccc069c403ebaf9' },
      },
    ],
    [
      'reads stale case-insensitively, quoted or not',
      { given: 'Digest realm="r", nonce="n", stale="TRUE"', want: { stale: true } },
    ],
    [
      'prefers SHA-256 offered after MD5',
      {
        given:
          'Digest realm="r", nonce="1", algorithm=MD5, Digest realm="r", nonce="2", algorithm=SHA-256',
        want: { nonce: '2', algorithm: 'SHA-256' },
      },
    ],
    [
      'prefers SHA-256-sess offered before MD5',
      {
        given: 'Digest realm="r", nonce="1", algorithm=SHA-256-sess, Digest realm="r", nonce="2"',
        want: { nonce: '1', algorithm: 'SHA-256-sess' },
      },
    ],
    [
      'keeps the server order between equally strong challenges',
      {
        given: 'Digest realm="r", nonce="1", algorithm=MD5-sess, Digest realm="r", nonce="2"',
        want: { nonce: '1', algorithm: 'MD5-sess' },
      },
    ],
    [
      'skips an unknown algorithm',
      {
        given:
          'Digest realm="r", nonce="1", algorithm=SHA-512-256, Digest realm="r", nonce="2", algorithm=MD5',
        want: { nonce: '2', algorithm: 'MD5' },
      },
    ],
    [
      'matches algorithms case-insensitively and echoes the spelling',
      {
        given: 'Digest realm="r", nonce="n", algorithm="sha-256-SESS"',
        want: { algorithm: 'SHA-256-sess', algorithmToken: 'sha-256-SESS' },
      },
    ],
    [
      'finds Digest after Basic',
      { given: 'Basic realm="x", Digest realm="r", nonce="n"', want: { realm: 'r', nonce: 'n' } },
    ],
    ['returns nothing for Basic alone', { given: 'Basic realm="x"', want: undefined }],
    [
      'returns nothing for an unknown algorithm alone',
      { given: 'Digest realm="r", nonce="n", algorithm=SHA-1', want: undefined },
    ],
    ['returns nothing without a nonce', { given: 'Digest realm="r", qop="auth"', want: undefined }],
    ['returns nothing without a realm', { given: 'Digest nonce="n", qop="auth"', want: undefined }],
    ['returns nothing without a header', { given: null, want: undefined }],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    const chosen = selectDigestChallenge(given, true);
    if (want === undefined) expect(chosen).toBeUndefined();
    else expect(chosen).toMatchObject(want);
  });
});

describe('choosing the Digest challenge to answer, by default', () => {
  const cases: [string, { given: string; want: Partial<DigestChallenge> | undefined }][] = [
    ["answers Atlas's challenge", { given: ATLAS, want: { qop: 'auth', algorithm: 'MD5' } }],
    [
      'refuses an MD5 challenge without qop',
      { given: 'Digest realm="r", nonce="n"', want: undefined },
    ],
    [
      'refuses a SHA-256 challenge without qop',
      { given: 'Digest realm="r", nonce="n", algorithm=SHA-256', want: undefined },
    ],
    ['refuses an empty qop', { given: 'Digest realm="r", nonce="n", qop=""', want: undefined }],
    [
      'prefers MD5 with qop=auth to SHA-256 without',
      {
        given:
          'Digest realm="r", nonce="1", algorithm=SHA-256, Digest realm="r", nonce="2", qop="auth"',
        want: { nonce: '2', algorithm: 'MD5', qop: 'auth' },
      },
    ],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    const chosen = selectDigestChallenge(given);
    if (want === undefined) expect(chosen).toBeUndefined();
    else expect(chosen).toMatchObject(want);
  });
});
