import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { DigestVerifier, parseDigestAuthorization } from '../src/digest-verifier.js';

const REALM = 'MMS Public API';
const TARGET = '/api/atlas/v2/groups/5f1e2d3c4b5a69788796a5b4/aiModelApiKeys/key-1';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** A verifier for user:pass and the nonce of its first challenge. */
function challenged(policy: 'reuse' | 'refuse-reuse' = 'reuse') {
  const verifier = new DigestVerifier('user', 'pass', policy);
  const first = verifier.verify('GET', TARGET, undefined);
  if (first.ok) throw new Error('a request without credentials passed');
  const nonce = /nonce="([^"]+)"/.exec(first.challenge)?.[1] as string;
  return { verifier, nonce };
}

/** The Authorization header RFC 7616 gives for these inputs (MD5, qop=auth). */
function answer(nonce: string, nc: number, { method = 'GET', uri = TARGET, pass = 'pass' } = {}) {
  const count = nc.toString(16).padStart(8, '0');
  const ha1 = md5(`user:${REALM}:${pass}`);
  const response = md5(`${ha1}:${nonce}:${count}:c0ffee:auth:${md5(`${method}:${uri}`)}`);
  return `Digest username="user", realm="${REALM}", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${count}, cnonce="c0ffee", response="${response}"`;
}

describe('reading a Digest Authorization header', () => {
  test('reads quoted and bare values, names in any case, and unescapes quoted pairs', () => {
    const params = parseDigestAuthorization(
      'Digest Username="a\\"b", realm="r", nc=00000001, qop=auth, response="x"',
    );
    expect(Object.fromEntries(params ?? [])).toEqual({
      username: 'a"b',
      realm: 'r',
      nc: '00000001',
      qop: 'auth',
      response: 'x',
    });
  });

  test('keeps the first of a repeated parameter', () => {
    expect(parseDigestAuthorization('Digest nonce="a", nonce="b"')?.get('nonce')).toBe('a');
  });

  test('is undefined for another scheme', () => {
    expect(parseDigestAuthorization('Bearer abc')).toBeUndefined();
  });
});

describe('verifying Digest answers', () => {
  test('accepts a correct answer, and the same nonce again with the next count', () => {
    const { verifier, nonce } = challenged();
    expect(verifier.verify('GET', TARGET, answer(nonce, 1)).ok).toBe(true);
    expect(verifier.verify('GET', TARGET, answer(nonce, 2)).ok).toBe(true);
  });

  test('refuses a wrong password, another target and another method', () => {
    const { verifier, nonce } = challenged();
    expect(verifier.verify('GET', TARGET, answer(nonce, 1, { pass: 'wrong' })).ok).toBe(false);
    expect(verifier.verify('GET', `${TARGET}x`, answer(nonce, 2)).ok).toBe(false);
    expect(verifier.verify('DELETE', TARGET, answer(nonce, 3)).ok).toBe(false);
    expect(verifier.verify('DELETE', TARGET, answer(nonce, 4, { method: 'DELETE' })).ok).toBe(true);
  });

  test('refuses a count already used, without calling the nonce stale', () => {
    const { verifier, nonce } = challenged();
    expect(verifier.verify('GET', TARGET, answer(nonce, 1)).ok).toBe(true);
    const replay = verifier.verify('GET', TARGET, answer(nonce, 1));
    expect(replay).toMatchObject({ ok: false, refused: true });
    expect(replay.ok || replay.challenge).toContain('stale=false');
  });

  test('calls an unknown nonce stale', () => {
    const { verifier } = challenged();
    const verdict = verifier.verify('GET', TARGET, answer('unknown', 1));
    expect(verdict.ok || verdict.challenge).toContain('stale=true');
  });

  test('with refuse-reuse, lets a nonce authorize one request only', () => {
    const { verifier, nonce } = challenged('refuse-reuse');
    expect(verifier.verify('GET', TARGET, answer(nonce, 1)).ok).toBe(true);
    expect(verifier.verify('GET', TARGET, answer(nonce, 2)).ok).toBe(false);
  });
});
