import type { AiModelApiKeyPage, AiModelRateLimit, AiModelRateLimitPage } from '@org/atlas-types';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  AiModelApiKey,
  AiModelApiKeyCreateRequest,
  AiModelApiKeyWithSecret,
  ApiVersion,
  AtlasAiKeysClient,
  AtlasPromise,
  PagePromise,
} from '../../src/index.js';

declare const client: AtlasAiKeysClient;
const groupId = '32b6e34b3d91647abb20e7b8';
const orgId = '4888442a3354817a7320eb61';
const apiKeyId = 'a86r5kwrfsk5r5ku5tgvhmpj';

describe('the resource methods are typed from @org/atlas-types', () => {
  test('create takes a name; cloud and geography, declared defaults, are optional', () => {
    expectTypeOf(client.keys.create({ groupId, name: 'app' })).toEqualTypeOf<
      AtlasPromise<AiModelApiKeyWithSecret>
    >();
    client.keys.create({ groupId, name: 'app', cloud: 'ANY', geography: 'ANY' });
    // @ts-expect-error the name is required
    client.keys.create({ groupId });
    // @ts-expect-error cloud is one of the spec's values
    client.keys.create({ groupId, name: 'app', cloud: 'no-such-cloud' });
    // @ts-expect-error endpoint is read-only, never sent
    client.keys.create({ groupId, name: 'app', endpoint: 'x' });
  });

  test('the params take every value the spec allows for a defaulted field', () => {
    type CreateParams = Parameters<AtlasAiKeysClient['keys']['create']>[0];
    expectTypeOf<NonNullable<CreateParams['cloud']>>().toEqualTypeOf<
      AiModelApiKeyCreateRequest['cloud']
    >();
    expectTypeOf<NonNullable<CreateParams['geography']>>().toEqualTypeOf<
      AiModelApiKeyCreateRequest['geography']
    >();
  });

  test('the result of create carries its secret as a string; reads do not', async () => {
    const created = await client.keys.create({ groupId, name: 'app' });
    expectTypeOf(created.secret).toEqualTypeOf<string>();
    expectTypeOf(created.apiKeyId).toEqualTypeOf<string>();
    const read = await client.keys.get({ groupId, apiKeyId });
    expectTypeOf(read.secret).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(read.lastUsedAt).toEqualTypeOf<string | null | undefined>();
  });

  test('update takes the ids and the new name', () => {
    expectTypeOf(client.keys.update({ groupId, apiKeyId, name: 'x' })).toEqualTypeOf<
      AtlasPromise<AiModelApiKey>
    >();
    // @ts-expect-error the name is required
    client.keys.update({ groupId, apiKeyId });
  });

  test('delete resolves with nothing', () => {
    expectTypeOf(client.keys.delete({ groupId, apiKeyId })).toEqualTypeOf<AtlasPromise<void>>();
  });

  test('lists give a page when awaited and keys when iterated', () => {
    const list = client.keys.list({ groupId, itemsPerPage: 500, pageNum: 1 });
    expectTypeOf(list).resolves.toEqualTypeOf<AiModelApiKeyPage>();
    expectTypeOf(list).toExtend<AsyncIterable<AiModelApiKey>>();
    expectTypeOf(list.pages()).toExtend<AsyncIterable<AiModelApiKeyPage>>();
    expectTypeOf(client.keys.listForOrg({ orgId })).toEqualTypeOf<PagePromise<AiModelApiKeyPage>>();
    // @ts-expect-error itemsPerPage is a number
    client.keys.list({ groupId, itemsPerPage: '500' });
  });

  test('the org methods take orgId, not groupId', () => {
    expectTypeOf(
      client.keys.getForOrg({ orgId, apiKeyId }),
    ).resolves.toEqualTypeOf<AiModelApiKey>();
    // @ts-expect-error orgId is required
    client.keys.getForOrg({ groupId, apiKeyId });
  });

  test('apiVersion suggests the versions the spec declares and takes any date', () => {
    expectTypeOf<'2025-03-12'>().toExtend<ApiVersion>();
    expectTypeOf<'2031-01-01'>().toExtend<ApiVersion>();
  });
});

describe('the rate-limit methods are typed from @org/atlas-types', () => {
  const modelGroupName = 'embed_large';
  const limits = { requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 100_000 };

  test('get, update and reset take a model group; cloud and geography, declared defaults, are optional', () => {
    expectTypeOf(client.rateLimits.get({ groupId, modelGroupName })).toEqualTypeOf<
      AtlasPromise<AiModelRateLimit>
    >();
    client.rateLimits.get({ groupId, modelGroupName, cloud: 'ANY', geography: 'ANY' });
    // @ts-expect-error the model group is required
    client.rateLimits.get({ groupId });
    // @ts-expect-error cloud is one of the spec's values
    client.rateLimits.reset({ groupId, modelGroupName, cloud: 'AWS' });
    expectTypeOf(client.rateLimits.reset({ groupId, modelGroupName })).toEqualTypeOf<
      AtlasPromise<AiModelRateLimit>
    >();
  });

  test('update takes both limits', () => {
    expectTypeOf(client.rateLimits.update({ groupId, modelGroupName, ...limits })).toEqualTypeOf<
      AtlasPromise<AiModelRateLimit>
    >();
    // @ts-expect-error tokensPerMinuteLimit is required
    client.rateLimits.update({ groupId, modelGroupName, requestsPerMinuteLimit: 1 });
    // @ts-expect-error a limit is a number
    client.rateLimits.update({ groupId, modelGroupName, ...limits, requestsPerMinuteLimit: '1' });
  });

  test('lists give a page when awaited and limits when iterated; reset all gives the list', () => {
    const list = client.rateLimits.list({ groupId });
    expectTypeOf(list).toEqualTypeOf<PagePromise<AiModelRateLimitPage>>();
    expectTypeOf(list).toExtend<AsyncIterable<AiModelRateLimit>>();
    expectTypeOf(client.rateLimits.listForOrg({ orgId })).toEqualTypeOf<
      PagePromise<AiModelRateLimitPage>
    >();
    expectTypeOf(client.rateLimits.resetAll({ groupId })).toEqualTypeOf<
      AtlasPromise<AiModelRateLimitPage>
    >();
  });

  test('the organization reads take orgId, and there is no organization write', () => {
    expectTypeOf(client.rateLimits.getForOrg({ orgId, modelGroupName })).toEqualTypeOf<
      AtlasPromise<AiModelRateLimit>
    >();
    // @ts-expect-error limits are set per project only
    client.rateLimits.updateForOrg;
  });

  test('a limit names its model group and both limits without `!`', async () => {
    const limit = await client.rateLimits.get({ groupId, modelGroupName });
    expectTypeOf(limit.modelGroupName).toEqualTypeOf<string>();
    expectTypeOf(limit.requestsPerMinuteLimit).toEqualTypeOf<number>();
    expectTypeOf(limit.tokensPerMinuteLimit).toEqualTypeOf<number>();
    expectTypeOf(limit.modelNames).toEqualTypeOf<string[] | undefined>();
  });
});
