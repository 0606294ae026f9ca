import type { AiModelApiKey as GeneratedKey } from '@org/atlas-types';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AiModelApiKey,
  type AtlasAiKeysClient,
  type AtlasApiError,
  type AtlasAuth,
  type AtlasErrorCode,
  type AtlasPromise,
  accessTokenAuth,
  createAtlasAiKeysClient,
  type DigestAuth,
  digestAuth,
  isAtlasErrorCode,
  type ServiceAccountAuth,
  serviceAccountAuth,
  type WithResponse,
} from '../src/index.js';

declare const client: AtlasAiKeysClient;
const params = { groupId: '32b6e34b3d91647abb20e7b8', apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj' };

describe('public types', () => {
  test('AiModelApiKey is the generated type', () => {
    expectTypeOf<AiModelApiKey>().toEqualTypeOf<GeneratedKey>();
  });

  test('getGroupAiModelApiKey resolves with the key, and withResponse with data and response', () => {
    const call = client.keys.get(params);
    expectTypeOf(call).toEqualTypeOf<AtlasPromise<AiModelApiKey>>();
    expectTypeOf(call).resolves.toEqualTypeOf<AiModelApiKey>();
    expectTypeOf(call.withResponse()).resolves.toEqualTypeOf<WithResponse<AiModelApiKey>>();
  });

  test('groupId and apiKeyId are required; envelope and pretty are booleans', () => {
    // @ts-expect-error apiKeyId is required
    client.keys.get({ groupId: params.groupId });
    // @ts-expect-error envelope is a boolean
    client.keys.get({ ...params, envelope: 'yes' });
    client.keys.get({ ...params, envelope: true, pretty: false });
  });

  test('credentials come from their functions, typed by kind', () => {
    expectTypeOf<AtlasAuth['type']>().toEqualTypeOf<'accessToken' | 'digest' | 'serviceAccount'>();
    expectTypeOf(digestAuth({ publicKey: 'p', privateKey: 's' })).toEqualTypeOf<DigestAuth>();
    expectTypeOf(
      serviceAccountAuth({ clientId: 'i', clientSecret: 's' }),
    ).toEqualTypeOf<ServiceAccountAuth>();
    expectTypeOf(accessTokenAuth({ accessToken: 't' })).toExtend<AtlasAuth>();
    // @ts-expect-error a digest key needs its private key
    createAtlasAiKeysClient({ auth: digestAuth({ publicKey: 'p' }) });
    // @ts-expect-error a plain object is not credentials
    createAtlasAiKeysClient({ auth: { type: 'accessToken' } });
    // @ts-expect-error the secret cannot be read back
    digestAuth({ publicKey: 'p', privateKey: 's' }).privateKey;
  });

  test('apiVersion takes preview or a date, not any string', () => {
    createAtlasAiKeysClient({ apiVersion: '2025-03-12' });
    createAtlasAiKeysClient({ apiVersion: 'preview' });
    // @ts-expect-error not a version
    createAtlasAiKeysClient({ apiVersion: 'latest' });
  });

  test('isAtlasErrorCode narrows to an AtlasApiError with that code', () => {
    const error: unknown = undefined;
    if (isAtlasErrorCode(error, 'RESOURCE_NOT_FOUND')) {
      expectTypeOf(error).toExtend<AtlasApiError>();
      expectTypeOf(error.errorCode).toEqualTypeOf<'RESOURCE_NOT_FOUND'>();
    }
  });

  test('isAtlasErrorCode offers the known Atlas codes and still takes any other code', () => {
    expectTypeOf<AtlasErrorCode>().toEqualTypeOf<
      | 'RESOURCE_NOT_FOUND'
      | 'GROUP_NOT_FOUND'
      | 'NOT_IN_GROUP'
      | 'VALIDATION_ERROR'
      | 'BAD_REQUEST'
      | 'RATE_LIMITED'
      | 'RATE_LIMITED_TOKEN_BUCKET'
      | 'UNEXPECTED_ERROR'
      | 'SERVICE_UNAVAILABLE'
      | 'INVALID_VERSION_DATE'
      | 'VERSION_GONE'
    >();
    // note: `string & {}` keeps the known codes apart from string, so editors list them.
    expectTypeOf(isAtlasErrorCode).parameter(1).toEqualTypeOf<AtlasErrorCode | (string & {})>();
    expectTypeOf(isAtlasErrorCode).parameter(1).not.toEqualTypeOf<string>();
    const error: unknown = undefined;
    if (isAtlasErrorCode(error, 'A_CODE_ADDED_LATER')) {
      expectTypeOf(error.errorCode).toEqualTypeOf<'A_CODE_ADDED_LATER'>();
    }
    // @ts-expect-error a code is a string
    isAtlasErrorCode(error, 404);
  });

  test('errorCode is still readable as a string', () => {
    expectTypeOf<AtlasApiError['errorCode']>().toExtend<string | undefined>();
    expectTypeOf<string | undefined>().toExtend<AtlasApiError['errorCode']>();
  });

  test('the openapi-fetch client is typed by the spec', async () => {
    const { data } = await client.api.GET(
      '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}',
      {
        params: { path: params },
      },
    );
    expectTypeOf(data).toEqualTypeOf<AiModelApiKey | undefined>();
  });
});
