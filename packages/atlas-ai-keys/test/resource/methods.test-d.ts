import type { AiModelApiKeyPage } from '@org/atlas-types';
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
    expectTypeOf(client.createGroupAiModelApiKey({ groupId, name: 'app' })).toEqualTypeOf<
      AtlasPromise<AiModelApiKeyWithSecret>
    >();
    client.createGroupAiModelApiKey({ groupId, name: 'app', cloud: 'ANY', geography: 'ANY' });
    // @ts-expect-error the name is required
    client.createGroupAiModelApiKey({ groupId });
    // @ts-expect-error cloud is one of the spec's values
    client.createGroupAiModelApiKey({ groupId, name: 'app', cloud: 'no-such-cloud' });
    // @ts-expect-error endpoint is read-only, never sent
    client.createGroupAiModelApiKey({ groupId, name: 'app', endpoint: 'x' });
  });

  test('the params take every value the spec allows for a defaulted field', () => {
    type CreateParams = Parameters<AtlasAiKeysClient['createGroupAiModelApiKey']>[0];
    expectTypeOf<NonNullable<CreateParams['cloud']>>().toEqualTypeOf<
      AiModelApiKeyCreateRequest['cloud']
    >();
    expectTypeOf<NonNullable<CreateParams['geography']>>().toEqualTypeOf<
      AiModelApiKeyCreateRequest['geography']
    >();
  });

  test('the result of create carries its secret as a string; reads do not', async () => {
    const created = await client.createGroupAiModelApiKey({ groupId, name: 'app' });
    expectTypeOf(created.secret).toEqualTypeOf<string>();
    expectTypeOf(created.apiKeyId).toEqualTypeOf<string>();
    const read = await client.getGroupAiModelApiKey({ groupId, apiKeyId });
    expectTypeOf(read.secret).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(read.lastUsedAt).toEqualTypeOf<string | null | undefined>();
  });

  test('update takes the ids and the new name', () => {
    expectTypeOf(client.updateGroupAiModelApiKey({ groupId, apiKeyId, name: 'x' })).toEqualTypeOf<
      AtlasPromise<AiModelApiKey>
    >();
    // @ts-expect-error the name is required
    client.updateGroupAiModelApiKey({ groupId, apiKeyId });
  });

  test('delete resolves with nothing', () => {
    expectTypeOf(client.deleteGroupAiModelApiKey({ groupId, apiKeyId })).toEqualTypeOf<
      AtlasPromise<void>
    >();
  });

  test('lists give a page when awaited and keys when iterated', () => {
    const list = client.listGroupAiModelApiKeys({ groupId, itemsPerPage: 500, pageNum: 1 });
    expectTypeOf(list).resolves.toEqualTypeOf<AiModelApiKeyPage>();
    expectTypeOf(list).toExtend<AsyncIterable<AiModelApiKey>>();
    expectTypeOf(list.pages()).toExtend<AsyncIterable<AiModelApiKeyPage>>();
    expectTypeOf(client.listOrgAiModelApiKeys({ orgId })).toEqualTypeOf<
      PagePromise<AiModelApiKeyPage>
    >();
    // @ts-expect-error itemsPerPage is a number
    client.listGroupAiModelApiKeys({ groupId, itemsPerPage: '500' });
  });

  test('the org methods take orgId, not groupId', () => {
    expectTypeOf(
      client.getOrgAiModelApiKey({ orgId, apiKeyId }),
    ).resolves.toEqualTypeOf<AiModelApiKey>();
    // @ts-expect-error orgId is required
    client.getOrgAiModelApiKey({ groupId, apiKeyId });
  });

  test('apiVersion suggests the versions the spec declares and takes any date', () => {
    expectTypeOf<'2025-03-12'>().toExtend<ApiVersion>();
    expectTypeOf<'2031-01-01'>().toExtend<ApiVersion>();
  });
});
