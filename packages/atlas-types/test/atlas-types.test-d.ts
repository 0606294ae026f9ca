import { describe, expectTypeOf, test } from 'vitest';
import type {
  AI_MODEL_API_KEY_MEDIA_TYPE,
  AiModelApiKey,
  AiModelApiKeyMediaType,
  ApiError,
  BadRequestDetail,
  GetGroupAiModelApiKeyPathParams,
  GetGroupAiModelApiKeyQueryParams,
  operations,
  paths,
} from '../src/index.js';

type Operation = operations['getGroupAiModelApiKey'];
type Path = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}';

describe('AiModelApiKey', () => {
  test('has every field of the reference page, each an optional string', () => {
    expectTypeOf<AiModelApiKey>().toEqualTypeOf<{
      readonly apiKeyId?: string;
      readonly createdAt?: string;
      readonly createdBy?: string;
      readonly groupId?: string;
      readonly lastUsedAt?: string;
      readonly maskedSecret?: string;
      name?: string;
      readonly secret?: string;
      readonly status?: string;
    }>();
  });

  test('is the body of a successful getGroupAiModelApiKey in the preview media type', () => {
    expectTypeOf<
      Operation['responses'][200]['content']['application/vnd.atlas.preview+json']
    >().toEqualTypeOf<AiModelApiKey>();
    expectTypeOf<AiModelApiKeyMediaType>().toEqualTypeOf<'application/vnd.atlas.preview+json'>();
    expectTypeOf<typeof AI_MODEL_API_KEY_MEDIA_TYPE>().toEqualTypeOf<AiModelApiKeyMediaType>();
  });
});

describe('getGroupAiModelApiKey parameters', () => {
  test('require groupId and apiKeyId in the path', () => {
    expectTypeOf<GetGroupAiModelApiKeyPathParams>().toEqualTypeOf<{
      groupId: string;
      apiKeyId: string;
    }>();
    // @ts-expect-error apiKeyId is required
    const missingKeyId: GetGroupAiModelApiKeyPathParams = { groupId: '32b6e34b3d91647abb20e7b8' };
    void missingKeyId;
  });

  test('take envelope and pretty as optional booleans in the query', () => {
    expectTypeOf<GetGroupAiModelApiKeyQueryParams>().toEqualTypeOf<{
      envelope?: boolean;
      pretty?: boolean;
    }>();
  });

  test('are the operation of the GET path', () => {
    expectTypeOf<paths[Path]['get']>().toEqualTypeOf<Operation>();
  });
});

describe('error bodies', () => {
  test('are ApiError for every declared error status', () => {
    type ErrorBody<S extends 401 | 403 | 404 | 500> =
      Operation['responses'][S]['content']['application/json'];
    expectTypeOf<ErrorBody<401>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<403>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<404>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<500>>().toEqualTypeOf<ApiError>();
  });

  test('ApiError requires error and errorCode and carries the bad request detail', () => {
    expectTypeOf<ApiError['error']>().toEqualTypeOf<number>();
    expectTypeOf<ApiError['errorCode']>().toEqualTypeOf<string>();
    expectTypeOf<ApiError['badRequestDetail']>().toEqualTypeOf<BadRequestDetail | undefined>();
    expectTypeOf<NonNullable<BadRequestDetail['fields']>[number]>().toEqualTypeOf<{
      description: string;
      field: string;
    }>();
  });
});
