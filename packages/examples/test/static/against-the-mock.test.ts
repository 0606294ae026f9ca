import {
  type AiModelApiKey,
  AtlasApiError,
  AtlasForbiddenError,
  AtlasNotFoundError,
  AtlasServerError,
  AtlasUnauthorizedError,
  AtlasValidationError,
  accessTokenAuth,
  createAtlasAiKeysClient,
} from '@org/atlas-ai-keys';
import { mockUrl } from '@org/atlas-mock/vitest';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { errorExample, keyExample, keySchema } from '../spec-examples.js';

// note: ajv-formats is CommonJS; its plugin is also its `default` export, as typed under NodeNext.
const addFormats = ajvFormats.default;

const groupId = keyExample.groupId as string;
const apiKeyId = keyExample.apiKeyId as string;
const BOTH_MEDIA_TYPES = 'application/vnd.atlas.2025-03-12+json, application/json';

function client(options: Parameters<typeof createAtlasAiKeysClient>[0] = {}) {
  return createAtlasAiKeysClient({
    baseUrl: mockUrl(),
    auth: accessTokenAuth({ accessToken: 'integration-token' }),
    maxRetries: 0,
    ...options,
  });
}

describe('the client against the Prism mock of the spec', () => {
  test('returns the spec example for a key', async () => {
    await expect(client().keys.get({ groupId, apiKeyId })).resolves.toEqual(keyExample);
  });

  test('still returns the key with envelope: true', async () => {
    const key = await client().keys.get({ groupId, apiKeyId, envelope: true });
    expect(key).toEqual(keyExample);
  });

  test('accepts pretty: true', async () => {
    const { data, response } = await client()
      .keys.get({ groupId, apiKeyId, pretty: true })
      .withResponse();
    expect(response.status).toBe(200);
    expect(data).toEqual(keyExample);
  });

  test('without credentials the 401 reaches the caller as AtlasUnauthorizedError', async () => {
    const error = await client({ auth: undefined })
      .keys.get({ groupId, apiKeyId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasUnauthorizedError);
    expect(error).toMatchObject({ status: 401, errorCode: errorExample('unauthorized').errorCode });
  });

  test.each([
    [403, 'forbidden', AtlasForbiddenError],
    [404, 'notFound', AtlasNotFoundError],
    [500, 'internalServerError', AtlasServerError],
  ])(
    'a %i reaches the caller as its typed error with the spec errorCode',
    async (status, name, ErrorClass) => {
      const error = await client()
        .keys.get(
          { groupId, apiKeyId },
          { headers: { prefer: `code=${status}`, accept: BOTH_MEDIA_TYPES } },
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(AtlasApiError);
      expect(error).toMatchObject({ status, errorCode: errorExample(name).errorCode });
    },
  );

  test('dynamic responses carry every field of AiModelApiKey, each valid against the spec schema', async () => {
    // note: Prism fills in every optional property when it generates a body, so a field missing
    // here went missing on the way through the client.
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    const validate = ajv.compile({
      ...keySchema,
      required: Object.keys(keySchema.properties),
      additionalProperties: false,
    });
    const dynamic = { headers: { prefer: 'dynamic=true' } };
    for (let i = 0; i < 5; i++) {
      const key: AiModelApiKey = await client().keys.get({ groupId, apiKeyId }, dynamic);
      validate(key);
      expect(validate.errors ?? []).toEqual([]);
      expect(key).not.toEqual(keyExample);
    }
  });

  test('an invalid groupId is refused by the client before any request, and by Prism when sent raw', async () => {
    const requests: Request[] = [];
    const counting = client({
      fetch: (input, init) => {
        requests.push(new Request(input, init));
        return fetch(input, init);
      },
    });
    const invalid = 'NOT-A-GROUP-ID';
    await expect(counting.keys.get({ groupId: invalid, apiKeyId })).rejects.toBeInstanceOf(
      AtlasValidationError,
    );
    expect(requests).toHaveLength(0);

    const raw = await fetch(
      `${mockUrl()}/api/atlas/v2/groups/${invalid}/aiModelApiKeys/${apiKeyId}`,
      {
        headers: { authorization: 'Bearer x', accept: BOTH_MEDIA_TYPES },
      },
    );
    expect([400, 422]).toContain(raw.status);
  });
});
