// The published client against the stateful mock from `@org/atlas-mock/global-setup`, as a
// user's test suite would use them: what the root README's "Errors from the mock" says, and a
// key's whole life. Each test works in a project of its own; the mock is shared by the run.
import {
  type AtlasAuth,
  AtlasAuthError,
  AtlasForbiddenError,
  AtlasNotFoundError,
  AtlasRateLimitError,
  AtlasServerError,
  AtlasUnauthorizedError,
  accessTokenAuth,
  authFromEnv,
  createAtlasAiKeysClient,
  digestAuth,
  serviceAccountAuth,
} from '@org/atlas-ai-keys';
import { seededApiKeyId, seededGroupId } from '@org/atlas-mock';
import { mockUrl, resetMock } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { errorExample, keyExample } from '../spec-examples.js';

/** A client of the shared mock; `null` sends no credentials. */
function client(auth: AtlasAuth | null = accessTokenAuth({ accessToken: 'mock' })) {
  return createAtlasAiKeysClient({ baseUrl: mockUrl(), maxRetries: 0, ...(auth && { auth }) });
}

/** A project of its own for each test, so that tests never see each other's keys. */
const project = (n: number) => `${'e'.repeat(22)}${String(n).padStart(2, '0')}`;

describe('a key through its whole life', () => {
  test('create, get, rename, list, delete, then AtlasNotFoundError for it', async () => {
    const atlas = client();
    const groupId = project(1);
    const created = await atlas.keys.create({ groupId, name: 'search' });
    const apiKeyId = created.apiKeyId as string;
    expect(created.secret).toMatch(/^al-/);

    const got = await atlas.keys.get({ groupId, apiKeyId });
    expect(got).toEqual({ ...created });
    expect(got.secret).toBeUndefined();

    await atlas.keys.update({ groupId, apiKeyId, name: 'search-prod' });
    const names: (string | undefined)[] = [];
    for await (const key of atlas.keys.list({ groupId })) names.push(key.name);
    expect(names).toEqual(['search-prod']);

    await atlas.keys.delete({ groupId, apiKeyId });
    const gone = await atlas.keys.get({ groupId, apiKeyId }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(AtlasNotFoundError);
    expect(gone).toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_NOT_FOUND',
      detail: `Cannot find resource AiModelApiKey with id ${apiKeyId}.`,
    });
  });

  test('lists page by page, with the total on every page', async () => {
    const atlas = client();
    const groupId = project(2);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
      await atlas.keys.create({ groupId, name });
    }
    const pages = [];
    for await (const page of atlas.keys.list({ groupId, itemsPerPage: 3 }).pages()) {
      pages.push({ names: page.results.map((key) => key.name), totalCount: page.totalCount });
    }
    expect(pages).toEqual([
      { names: ['a', 'b', 'c'], totalCount: 7 },
      { names: ['d', 'e', 'f'], totalCount: 7 },
      { names: ['g'], totalCount: 7 },
    ]);
  });
});

describe('errors from the mock, as the README describes them', () => {
  test('an unknown id gets AtlasNotFoundError', async () => {
    const error = await client()
      .keys.get({ groupId: seededGroupId, apiKeyId: 'no-such-key' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNotFoundError);
  });

  test.each([
    [401, 'unauthorized', AtlasUnauthorizedError],
    [403, 'forbidden', AtlasForbiddenError],
    [404, 'notFound', AtlasNotFoundError],
    [429, 'tooManyRequests', AtlasRateLimitError],
    [500, 'internalServerError', AtlasServerError],
  ])(
    'Prefer: code=%i alone gives its typed error, with the errorCode of the spec',
    async (status, response, ErrorClass) => {
      const error = await client()
        .keys.get(
          { groupId: seededGroupId, apiKeyId: seededApiKeyId },
          { headers: { prefer: `code=${status}` } },
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, errorCode: errorExample(response).errorCode });
    },
  );

  test('a 429 carries the Retry-After of a second', async () => {
    const error = await client()
      .keys.list({ groupId: seededGroupId }, { headers: { prefer: 'code=429' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterMs: 1000 });
  });

  test('a token from MONGODB_ATLAS_ACCESS_TOKEN passes, whatever its value', async () => {
    const auth = authFromEnv({ MONGODB_ATLAS_ACCESS_TOKEN: 'mock' });
    await expect(
      client(auth).keys.get({ groupId: seededGroupId, apiKeyId: seededApiKeyId }),
    ).resolves.toMatchObject({ name: keyExample.name });
  });

  test('no credentials get AtlasUnauthorizedError', async () => {
    const error = await client(null)
      .keys.get({ groupId: seededGroupId, apiKeyId: seededApiKeyId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasUnauthorizedError);
  });

  test("HTTP Digest does not pass: the client declines Prism's challenge, which has no qop", async () => {
    const error = await client(digestAuth({ publicKey: 'pub', privateKey: 'priv' }))
      .keys.get({ groupId: seededGroupId, apiKeyId: seededApiKeyId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthError);
    expect((error as Error).message).toMatch(/^digest challenge from .* refused: no qop=auth/);
  });

  test('a service account does not pass: the mock has no token endpoint', async () => {
    const error = await client(serviceAccountAuth({ clientId: 'id', clientSecret: 'secret' }))
      .keys.get({ groupId: seededGroupId, apiKeyId: seededApiKeyId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasAuthError);
    expect((error as Error).message).toBe(
      `service-account token request to ${mockUrl()}/api/oauth/token failed with HTTP 404`,
    );
  });
});

describe('resetMock()', () => {
  // note: the only reset in the run; the other files of this project do not use the shared mock.
  test('forgets every change: the seeded key is back, and other projects are empty', async () => {
    const atlas = client();
    await atlas.keys.create({ groupId: project(3), name: 'temporary' });
    await atlas.keys.delete({ groupId: seededGroupId, apiKeyId: seededApiKeyId });

    await resetMock();

    const seeded = await atlas.keys.list({ groupId: seededGroupId });
    expect(seeded.results.map((key) => key.apiKeyId)).toEqual([seededApiKeyId]);
    expect((await atlas.keys.list({ groupId: project(3) })).totalCount).toBe(0);
  });
});
