import { describe, expectTypeOf, test } from 'vitest';
import type {
  AI_MODEL_API_KEY_MEDIA_TYPE,
  AiModelApiKey,
  AiModelApiKeyCreateRequest,
  AiModelApiKeyMediaType,
  AiModelApiKeyPage,
  AiModelApiKeyUpdateRequest,
  AiModelApiKeyWithSecret,
  AiModelRateLimit,
  AiModelRateLimitPage,
  AiModelRateLimitUpdateRequest,
  ApiError,
  BadRequestDetail,
  GetGroupAiModelApiKeyPathParams,
  GetGroupAiModelApiKeyQueryParams,
  LATEST_API_VERSION,
  OperationId,
  operations,
  paths,
  RESOURCES,
  ResourceOperations,
  SuccessBody,
} from '../src/index.js';

type Operation = operations['getGroupAiModelApiKey'];
type Path = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}';
type Latest = 'application/vnd.atlas.2025-03-12+json';

describe('AiModelApiKey', () => {
  test('has every field of version 2025-03-12; those Atlas always returns are required', () => {
    expectTypeOf<AiModelApiKey>().toEqualTypeOf<{
      readonly apiKeyId: string;
      readonly cloud: string;
      readonly createdAt: string;
      readonly createdBy: string;
      readonly endpoint: string;
      readonly geography: string;
      readonly groupId: string;
      readonly lastUsedAt?: string | null;
      readonly maskedSecret: string;
      name: string;
      readonly secret?: string | null;
      readonly status: string;
    }>();
  });

  test('as creating it returns it, carries its secret as a string', () => {
    expectTypeOf<AiModelApiKeyWithSecret['secret']>().toEqualTypeOf<string>();
    expectTypeOf<AiModelApiKeyWithSecret>().toExtend<AiModelApiKey>();
    expectTypeOf<
      SuccessBody<'createGroupAiModelApiKey'>
    >().toEqualTypeOf<AiModelApiKeyWithSecret>();
  });

  test('is the body of a successful getGroupAiModelApiKey in the newest media type', () => {
    expectTypeOf<Operation['responses'][200]['content'][Latest]>().toEqualTypeOf<AiModelApiKey>();
    expectTypeOf<AiModelApiKeyMediaType>().toEqualTypeOf<Latest>();
    expectTypeOf<typeof AI_MODEL_API_KEY_MEDIA_TYPE>().toEqualTypeOf<Latest>();
    expectTypeOf<typeof LATEST_API_VERSION>().toEqualTypeOf<'2025-03-12'>();
  });

  test('is what update and the org get return, and what a page lists', () => {
    expectTypeOf<SuccessBody<'updateGroupAiModelApiKey'>>().toEqualTypeOf<AiModelApiKey>();
    expectTypeOf<SuccessBody<'getOrgAiModelApiKey'>>().toEqualTypeOf<AiModelApiKey>();
    expectTypeOf<AiModelApiKeyPage['results'][number]>().toEqualTypeOf<AiModelApiKey>();
    expectTypeOf<SuccessBody<'listOrgAiModelApiKeys'>>().toEqualTypeOf<AiModelApiKeyPage>();
  });
});

describe('request bodies', () => {
  test('create requires name, cloud and geography, the scope fields being "ANY"', () => {
    expectTypeOf<AiModelApiKeyCreateRequest>().toEqualTypeOf<{
      cloud: 'ANY';
      geography: 'ANY';
      name: string;
    }>();
  });

  test('update sends only the name', () => {
    expectTypeOf<AiModelApiKeyUpdateRequest>().toEqualTypeOf<{ name: string }>();
  });

  test('delete has no success body', () => {
    expectTypeOf<SuccessBody<'deleteGroupAiModelApiKey'>>().toEqualTypeOf<undefined>();
  });
});

describe('operations', () => {
  test('are the seven of each resource', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<
      | 'listGroupAiModelApiKeys'
      | 'createGroupAiModelApiKey'
      | 'getGroupAiModelApiKey'
      | 'updateGroupAiModelApiKey'
      | 'deleteGroupAiModelApiKey'
      | 'listOrgAiModelApiKeys'
      | 'getOrgAiModelApiKey'
      | 'getGroupAiModelApiRateLimits'
      | 'getGroupAiModelApiCloudGeographyModelGroupNameRateLimits'
      | 'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits'
      | 'resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits'
      | 'resetGroupAiModelApiRateLimits'
      | 'getOrgAiModelApiRateLimits'
      | 'getOrgAiModelApiCloudGeographyModelGroupNameRateLimits'
    >();
  });

  test('are grouped by resource, each method naming its operation', () => {
    expectTypeOf<ResourceOperations>().toEqualTypeOf<{
      keys: {
        list: 'listGroupAiModelApiKeys';
        create: 'createGroupAiModelApiKey';
        get: 'getGroupAiModelApiKey';
        update: 'updateGroupAiModelApiKey';
        delete: 'deleteGroupAiModelApiKey';
        listForOrg: 'listOrgAiModelApiKeys';
        getForOrg: 'getOrgAiModelApiKey';
      };
      rateLimits: {
        list: 'getGroupAiModelApiRateLimits';
        get: 'getGroupAiModelApiCloudGeographyModelGroupNameRateLimits';
        update: 'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits';
        reset: 'resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits';
        resetAll: 'resetGroupAiModelApiRateLimits';
        listForOrg: 'getOrgAiModelApiRateLimits';
        getForOrg: 'getOrgAiModelApiCloudGeographyModelGroupNameRateLimits';
      };
    }>();
    expectTypeOf<(typeof RESOURCES)['rateLimits']['resetAll']>().toEqualTypeOf<
      ResourceOperations['rateLimits']['resetAll']
    >();
  });
});

describe('AiModelRateLimit', () => {
  test('has every field; those Atlas always returns are required', () => {
    expectTypeOf<AiModelRateLimit>().toEqualTypeOf<{
      readonly cloud: string;
      readonly endpoint: string;
      readonly geography: string;
      readonly modelGroupName: string;
      readonly modelNames?: string[];
      requestsPerMinuteLimit: number;
      tokensPerMinuteLimit: number;
    }>();
  });

  test('is what get, update, reset and the org reads return, and what a page lists', () => {
    type Limit<Op extends OperationId> = SuccessBody<Op>;
    expectTypeOf<
      Limit<'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits'>
    >().toEqualTypeOf<AiModelRateLimit>();
    expectTypeOf<
      Limit<'resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits'>
    >().toEqualTypeOf<AiModelRateLimit>();
    expectTypeOf<
      Limit<'getOrgAiModelApiCloudGeographyModelGroupNameRateLimits'>
    >().toEqualTypeOf<AiModelRateLimit>();
    expectTypeOf<AiModelRateLimitPage['results'][number]>().toEqualTypeOf<AiModelRateLimit>();
  });

  test('reset all returns the list, not a page to iterate', () => {
    expectTypeOf<
      SuccessBody<'resetGroupAiModelApiRateLimits'>
    >().toEqualTypeOf<AiModelRateLimitPage>();
  });

  test('an update sends both limits', () => {
    expectTypeOf<AiModelRateLimitUpdateRequest>().toEqualTypeOf<{
      requestsPerMinuteLimit: number;
      tokensPerMinuteLimit: number;
    }>();
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
    type ErrorBody<S extends 401 | 403 | 404 | 429 | 500> =
      Operation['responses'][S]['content']['application/json'];
    expectTypeOf<ErrorBody<401>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<403>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<404>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<429>>().toEqualTypeOf<ApiError>();
    expectTypeOf<ErrorBody<500>>().toEqualTypeOf<ApiError>();
  });

  test('ApiError requires error and errorCode and carries the bad request detail', () => {
    expectTypeOf<ApiError['error']>().toEqualTypeOf<number>();
    expectTypeOf<ApiError['errorCode']>().toEqualTypeOf<string>();
    expectTypeOf<ApiError['badRequestDetail']>().toEqualTypeOf<
      BadRequestDetail | null | undefined
    >();
    expectTypeOf<NonNullable<BadRequestDetail['fields']>[number]>().toEqualTypeOf<{
      description: string;
      field: string;
    }>();
  });
});
