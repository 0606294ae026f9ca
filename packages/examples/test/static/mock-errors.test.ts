// What the root README's "Errors from the mock" says of the static mode, checked against the
// static mock: how to get an error, what an unknown id returns, and which credentials pass.
import {
  type AtlasAuth,
  AtlasAuthError,
  AtlasNotFoundError,
  AtlasUnauthorizedError,
  accessTokenAuth,
  authFromEnv,
  createAtlasAiKeysClient,
  digestAuth,
  serviceAccountAuth,
} from '@org/atlas-ai-keys';
import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { errorExample, keyExample } from '../spec-examples.js';

const groupId = keyExample.groupId as string;
const apiKeyId = keyExample.apiKeyId as string;

function client(auth: AtlasAuth = accessTokenAuth({ accessToken: 'mock' })) {
  return createAtlasAiKeysClient({ baseUrl: mockUrl(), auth, maxRetries: 0 });
}

/** The per-request options the README gives for an error: both media types in Accept. */
function asError(code: number, apiVersion: string) {
  return {
    headers: {
      prefer: `code=${code}`,
      accept: `application/vnd.atlas.${apiVersion}+json, application/json`,
    },
  };
}

describe('errors from the static mock, as the README describes them', () => {
  test('Prefer: code=404 with both media types in Accept gives AtlasNotFoundError', async () => {
    const atlas = client();
    const error = await atlas.keys
      .get({ groupId, apiKeyId }, asError(404, atlas.apiVersion))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ status: 404, errorCode: errorExample('notFound').errorCode });
  });

  test('Prefer: code=404 alone still gets the 200 example, as no 404 matches the Accept', async () => {
    const key = await client().keys.get({ groupId, apiKeyId }, { headers: { prefer: 'code=404' } });
    expect(key).toEqual(keyExample);
  });

  test('an unknown id gets the example key, not a 404', async () => {
    const key = await client().keys.get({ groupId, apiKeyId: 'no-such-key' });
    expect(key).toEqual(keyExample);
  });

  test('a token from MONGODB_ATLAS_ACCESS_TOKEN passes, whatever its value', async () => {
    const auth = authFromEnv({ MONGODB_ATLAS_ACCESS_TOKEN: 'mock' });
    await expect(client(auth).keys.get({ groupId, apiKeyId })).resolves.toEqual(keyExample);
  });

  test('HTTP Digest does not pass: the mock answers 401 and sends no challenge', async () => {
    const error = await client(digestAuth({ publicKey: 'pub', privateKey: 'priv' }))
      .keys.get({ groupId, apiKeyId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasUnauthorizedError);
    expect((error as AtlasUnauthorizedError).headers.has('www-authenticate')).toBe(false);
  });

  test('a service account does not pass: the mock has no token endpoint', async () => {
    const error = await client(serviceAccountAuth({ clientId: 'id', clientSecret: 'secret' }))
      .keys.get({ groupId, apiKeyId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthError);
    expect((error as Error).message).toBe(
      `service-account token request to ${mockUrl()}/api/oauth/token failed with HTTP 404`,
    );
  });
});
