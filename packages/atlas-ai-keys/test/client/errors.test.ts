import { API_VERSIONS } from '@org/atlas-types';
import { describe, expect, test } from 'vitest';
import {
  AtlasApiError,
  AtlasBadRequestError,
  AtlasConflictError,
  AtlasError,
  AtlasForbiddenError,
  AtlasInvalidResponseError,
  AtlasNotFoundError,
  AtlasRateLimitError,
  AtlasServerError,
  AtlasUnauthorizedError,
  isAtlasErrorCode,
} from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  json,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

const noRetries = { maxRetries: 0 };

async function failure(response: () => Response) {
  const { client } = createObservedClient(response, noRetries);
  return rejectionOf(client.keys.get(PARAMS));
}

describe('typed API errors', () => {
  test.each([
    [400, 'VALIDATION_ERROR', AtlasBadRequestError],
    [401, 'NOT_IN_GROUP', AtlasUnauthorizedError],
    [403, 'USER_CANNOT_ACCESS_GROUP', AtlasForbiddenError],
    [404, 'RESOURCE_NOT_FOUND', AtlasNotFoundError],
    [406, 'INVALID_VERSION_DATE', AtlasApiError],
    [409, 'DUPLICATE_NAME', AtlasConflictError],
    [410, 'VERSION_GONE', AtlasApiError],
    [429, 'RATE_LIMITED', AtlasRateLimitError],
    [500, 'UNEXPECTED_ERROR', AtlasServerError],
    [503, 'SERVICE_UNAVAILABLE', AtlasServerError],
  ])('%i %s rejects with %o', async (status, errorCode, ErrorClass) => {
    const error = await failure(() => json(apiError(status, errorCode), status));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toBeInstanceOf(AtlasError);
    expect(error).toMatchObject({
      status,
      errorCode,
      detail: `${errorCode} detail`,
      reason: 'Reason',
      request: {
        method: 'GET',
        path: `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}`,
      },
    });
    expect((error as Error).message).toMatch(
      `${status} ${errorCode} on GET /api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}: ${errorCode} detail`,
    );
  });

  test.each([
    [406, 'INVALID_VERSION_DATE'],
    [410, 'VERSION_GONE'],
  ])('a %i %s names the version sent and how to choose another', async (status, errorCode) => {
    const { client } = createObservedClient(() => json(apiError(status, errorCode), status), {
      apiVersion: '2023-01-01',
    });
    const error = await rejectionOf(client.keys.get(PARAMS));
    expect((error as Error).message).toBe(
      `${status} ${errorCode} on GET /api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}: ${errorCode} detail; API version 2023-01-01 was requested; this release knows API version ${API_VERSIONS[0]} (the default): pick one with the apiVersion option`,
    );
  });

  test('statuses other than 406 and 410 say nothing about the version', async () => {
    const error = await failure(() => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404));
    expect((error as Error).message).not.toMatch(/apiVersion/);
  });

  test('carries parameters, badRequestDetail and the response headers', async () => {
    const body = {
      ...apiError(400, 'VALIDATION_ERROR'),
      parameters: [{ name: 'x' }],
      badRequestDetail: { fields: [{ field: 'name', description: 'too long' }] },
    };
    const error = (await failure(() => json(body, 400, { 'x-request-id': 'r1' }))) as AtlasApiError;
    expect(error.parameters).toEqual([{ name: 'x' }]);
    expect(error.badRequestDetail?.fields?.[0]).toEqual({ field: 'name', description: 'too long' });
    expect(error.headers.get('x-request-id')).toBe('r1');
  });

  test.each([
    ['seconds', '7', 7000],
    ['absent', undefined, undefined],
  ])('a 429 gives retryAfterMs from Retry-After (%s)', async (_, retryAfter, want) => {
    const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
    const error = await failure(() => json(apiError(429, 'RATE_LIMITED'), 429, headers));
    expect(error).toBeInstanceOf(AtlasRateLimitError);
    expect((error as AtlasRateLimitError).retryAfterMs).toBe(want);
  });

  test.each([
    [
      'an HTML page from a proxy',
      502,
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      /502 Bad Gateway/,
    ],
    ['an empty body', 500, '', /empty body/],
    ['truncated JSON', 500, '{"error":500,"errorCo', /\{"error":500,"errorCo/],
    ['JSON without errorCode', 403, '{"message":"nope"}', /nope/],
  ])(
    'a non-Atlas error body (%s) still gives an AtlasApiError with an excerpt',
    async (_, status, body, excerpt) => {
      const error = await failure(
        () => new Response(body, { status, headers: { 'content-type': 'text/html' } }),
      );
      expect(error).toBeInstanceOf(AtlasApiError);
      expect((error as AtlasApiError).status).toBe(status);
      expect((error as AtlasApiError).errorCode).toBeUndefined();
      expect((error as AtlasApiError).bodyExcerpt).toMatch(excerpt);
    },
  );

  test('a long non-JSON body is cut to a short excerpt', async () => {
    const error = (await failure(
      () => new Response('x'.repeat(10_000), { status: 500 }),
    )) as AtlasApiError;
    expect(error.bodyExcerpt?.length).toBeLessThanOrEqual(201);
  });

  test.each([
    ['not JSON', 'hello'],
    ['truncated JSON', '{"apiKeyId":"a8'],
    ['empty', ''],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
  ])('a 200 whose body is %s rejects with AtlasInvalidResponseError', async (_, body) => {
    const error = await failure(() => new Response(body, { status: 200 }));
    expect(error).toBeInstanceOf(AtlasInvalidResponseError);
    expect((error as AtlasInvalidResponseError).status).toBe(200);
  });
});

describe('isAtlasErrorCode', () => {
  test('narrows an AtlasApiError with the given code', async () => {
    const error: unknown = await failure(() => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404));
    expect(isAtlasErrorCode(error, 'RESOURCE_NOT_FOUND')).toBe(true);
    expect(isAtlasErrorCode(error, 'GROUP_NOT_FOUND')).toBe(false);
    if (isAtlasErrorCode(error, 'RESOURCE_NOT_FOUND')) {
      const code: 'RESOURCE_NOT_FOUND' = error.errorCode;
      expect(code).toBe('RESOURCE_NOT_FOUND');
    }
  });

  test.each([
    [new Error('x')],
    [null],
    ['RESOURCE_NOT_FOUND'],
    [{ errorCode: 'RESOURCE_NOT_FOUND' }],
  ])('is false for %j, which is not an AtlasApiError', (value) => {
    expect(isAtlasErrorCode(value, 'RESOURCE_NOT_FOUND')).toBe(false);
  });
});
