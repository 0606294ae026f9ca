import { LATEST_API_VERSION } from '@org/atlas-types';
import { describe, expect, test } from 'vitest';
import {
  AtlasNotFoundError,
  AtlasValidationError,
  createAtlasAiKeysClient,
} from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

describe('API versioning', () => {
  test.each([
    [undefined, `application/vnd.atlas.${LATEST_API_VERSION}+json`],
    ['preview', 'application/vnd.atlas.preview+json'],
    ['2025-03-12', 'application/vnd.atlas.2025-03-12+json'],
    ['2023-01-01', 'application/vnd.atlas.2023-01-01+json'],
  ] as const)('apiVersion %s is sent as Accept: %s', async (apiVersion, accept) => {
    const { client, requests } = createObservedClient(() => json(KEY), { apiVersion });
    await client.keys.get(PARAMS);
    expect(requests[0]?.headers.get('accept')).toBe(accept);
    expect(client.apiVersion).toBe(apiVersion ?? LATEST_API_VERSION);
  });

  test('the default is the newest version the spec declares', () => {
    expect(createAtlasAiKeysClient().apiVersion).toBe(LATEST_API_VERSION);
    expect(LATEST_API_VERSION).toBe('2025-03-12');
  });

  test.each([['2025-3-12'], ['2025-02-30'], ['latest'], ['v2'], [''], [20250312]])(
    'rejects the malformed version %j before any request',
    (apiVersion) => {
      expect(() =>
        // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
        createAtlasAiKeysClient({ apiVersion: apiVersion as any, fetch: () => Promise.reject() }),
      ).toThrow(AtlasValidationError);
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
      expect(() => createAtlasAiKeysClient({ apiVersion: apiVersion as any })).toThrow(
        /apiVersion must be/,
      );
    },
  );

  test('error bodies in application/json still parse under a versioned Accept', async () => {
    const { client } = createObservedClient(() => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404), {
      apiVersion: '2025-03-12',
    });
    const error = await rejectionOf(client.keys.get(PARAMS));
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ errorCode: 'RESOURCE_NOT_FOUND' });
  });
});
