import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import {
  AtlasNotFoundError,
  AtlasUnauthorizedError,
  AtlasValidationError,
  accessTokenAuth,
  createAtlasAiKeysClient,
} from '../../src/index.js';
import { KEY, PARAMS, rejectionOf } from '../helpers/observed-fetch.js';

const client = (auth = true) =>
  createAtlasAiKeysClient({
    baseUrl: mockUrl(),
    maxRetries: 0,
    ...(auth && { auth: accessTokenAuth({ accessToken: 'integration-token' }) }),
  });

describe('against the Prism mock of the spec', () => {
  test('the seeded key decodes to the spec example', async () => {
    await expect(client().keys.get(PARAMS)).resolves.toEqual(KEY);
  });

  test('the mock checks the Accept header the client sends', async () => {
    const { response } = await client().keys.get(PARAMS).withResponse();
    expect(response.headers.get('content-type')).toContain('application/vnd.atlas.2025-03-12+json');
  });

  test('a missing key is an AtlasNotFoundError with RESOURCE_NOT_FOUND', async () => {
    const error = await rejectionOf(
      client().keys.get(PARAMS, {
        headers: {
          prefer: 'code=404',
          accept: 'application/vnd.atlas.2025-03-12+json, application/json',
        },
      }),
    );
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error.errorCode).toBe('RESOURCE_NOT_FOUND');
  });

  test('no credentials is an AtlasUnauthorizedError', async () => {
    await expect(client(false).keys.get(PARAMS)).rejects.toBeInstanceOf(AtlasUnauthorizedError);
  });

  test('the spec and the client agree on what a groupId is', async () => {
    const groupId = KEY.groupId.toUpperCase();
    await expect(client().keys.get({ ...PARAMS, groupId })).rejects.toBeInstanceOf(
      AtlasValidationError,
    );
    const raw = await fetch(
      `${mockUrl()}/api/atlas/v2/groups/${groupId}/aiModelApiKeys/${KEY.apiKeyId}`,
      {
        headers: {
          authorization: 'Bearer x',
          accept: 'application/vnd.atlas.2025-03-12+json, application/json',
        },
      },
    );
    expect([400, 422]).toContain(raw.status);
  });
});
