import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { accessTokenAuth, createAccessTokenAuthenticator } from '../../src/auth/access-token.js';
import type { AuthContext, AuthRequest } from '../../src/auth/authenticator.js';
import { AtlasValidationError } from '../../src/errors.js';
import { captureLogger } from './oauth-servers.js';

const TOKEN = 'TOKEN-SENTINEL.eyJhbGciOiJSUzI1NiJ9.c2ln';
const BASE_URL = new URL('https://cloud.mongodb.com');

function context(): AuthContext {
  const fail = () => Promise.reject(new Error('the access-token authenticator must not fetch'));
  return {
    fetch: fail,
    baseUrl: BASE_URL,
    logger: captureLogger().logger,
    maxResponseBytes: 1 << 20,
  };
}

/** Sends through the authenticator and returns the Authorization each exchange carried. */
async function authorizationsFor(url: string, status = 200): Promise<(string | undefined)[]> {
  const seen: (string | undefined)[] = [];
  const request: AuthRequest = {
    method: 'GET',
    url: new URL(url),
    signal: new AbortController().signal,
  };
  const response = await createAccessTokenAuthenticator(TOKEN, context()).send(
    request,
    async (authorization) => {
      seen.push(authorization);
      return new Response(null, { status });
    },
  );
  expect(response.status).toBe(status);
  return seen;
}

describe('access-token authenticator', () => {
  it.each([
    ['the base URL origin', 'https://cloud.mongodb.com/api/atlas/v2/groups', [`Bearer ${TOKEN}`]],
    [
      'the same origin with an explicit default port',
      'https://cloud.mongodb.com:443/api',
      [`Bearer ${TOKEN}`],
    ],
    ['another host', 'https://evil.example/api/atlas/v2/groups', [undefined]],
    ['a sub-domain', 'https://api.cloud.mongodb.com/api', [undefined]],
    ['plain http on the same host', 'http://cloud.mongodb.com/api', [undefined]],
    ['another port', 'https://cloud.mongodb.com:8443/api', [undefined]],
  ])('for %s sends %j', async (_name, url, expected) => {
    expect(await authorizationsFor(url)).toEqual(expected);
  });

  it('returns a 401 as it is, without a second exchange', async () => {
    expect(await authorizationsFor('https://cloud.mongodb.com/api', 401)).toEqual([
      `Bearer ${TOKEN}`,
    ]);
  });

  it('closes without doing anything', async () => {
    await expect(createAccessTokenAuthenticator(TOKEN, context()).close()).resolves.toBeUndefined();
  });

  it('never shows the token in inspection or JSON', () => {
    const authenticator = createAccessTokenAuthenticator(TOKEN, context());
    expect(inspect(authenticator, { showHidden: true, depth: Infinity })).not.toContain(
      'TOKEN-SENTINEL',
    );
    expect(JSON.stringify(authenticator)).not.toContain('TOKEN-SENTINEL');
  });

  it.each([
    ['an empty token', '', 'an empty string'],
    [
      'a token with a line break',
      'TOKEN-SENTINEL\r\nX-Injected: 1',
      'a string containing whitespace',
    ],
    ['a token with the Bearer prefix', 'Bearer TOKEN-SENTINEL', 'a string containing whitespace'],
    [
      'a token with non-ASCII characters',
      'TOKEN-SENTINEL-é',
      'a string with characters other than visible ASCII',
    ],
  ])('rejects %s without quoting it', (_name, token, received) => {
    let error: unknown;
    try {
      accessTokenAuth({ accessToken: token });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect(error).toMatchObject({ field: 'accessToken' });
    expect((error as Error).message).toContain(`(received ${received})`);
    expect((error as Error).message).not.toContain('TOKEN-SENTINEL');
  });
});
