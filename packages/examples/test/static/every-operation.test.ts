import {
  type AiModelApiKey,
  AtlasApiError,
  accessTokenAuth,
  createAtlasAiKeysClient,
  type OperationId,
} from '@org/atlas-ai-keys';
import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import {
  declaredStatuses,
  groupIdExample,
  keyExample,
  rateLimitExample,
  secretExample,
} from '../spec-examples.js';

// The published client, used by its package name as an application would, on every operation
// the spec declares, against the Prism mock of that spec.
const groupId = groupIdExample;
const orgId = '4888442a3354817a7320eb61';
const apiKeyId = keyExample.apiKeyId as string;
const modelGroupName = rateLimitExample.modelGroupName as string;
const limits = { requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 100_000 };
const limitPage = expect.objectContaining({ results: [expect.objectContaining(rateLimitExample)] });

const client = createAtlasAiKeysClient({
  baseUrl: mockUrl(),
  auth: accessTokenAuth({ accessToken: 'integration-token' }),
  maxRetries: 0,
});

type Options = { headers: Record<string, string> } | undefined;

/** A valid call of each operation, and what a success must resolve with. */
const OPERATIONS: Record<
  OperationId,
  { call: (o: Options) => PromiseLike<unknown>; want: unknown }
> = {
  listGroupAiModelApiKeys: {
    call: (o) => client.keys.list({ groupId }, o),
    want: expect.objectContaining({ results: [keyExample] }),
  },
  createGroupAiModelApiKey: {
    call: (o) => client.keys.create({ groupId, name: 'example-app' }, o),
    want: keyExample,
  },
  getGroupAiModelApiKey: {
    call: (o) => client.keys.get({ groupId, apiKeyId }, o),
    want: keyExample,
  },
  updateGroupAiModelApiKey: {
    call: (o) => client.keys.update({ groupId, apiKeyId, name: 'renamed' }, o),
    want: keyExample,
  },
  deleteGroupAiModelApiKey: {
    call: (o) => client.keys.delete({ groupId, apiKeyId }, o),
    want: undefined,
  },
  listOrgAiModelApiKeys: {
    call: (o) => client.keys.listForOrg({ orgId }, o),
    want: expect.objectContaining({ results: [keyExample] }),
  },
  getOrgAiModelApiKey: {
    call: (o) => client.keys.getForOrg({ orgId, apiKeyId }, o),
    want: keyExample,
  },
  getGroupAiModelApiRateLimits: {
    call: (o) => client.rateLimits.list({ groupId }, o),
    want: limitPage,
  },
  getGroupAiModelApiCloudGeographyModelGroupNameRateLimits: {
    call: (o) => client.rateLimits.get({ groupId, modelGroupName }, o),
    want: expect.objectContaining(rateLimitExample),
  },
  updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits: {
    call: (o) => client.rateLimits.update({ groupId, modelGroupName, ...limits }, o),
    want: expect.objectContaining(rateLimitExample),
  },
  resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits: {
    call: (o) => client.rateLimits.reset({ groupId, modelGroupName }, o),
    want: expect.objectContaining(rateLimitExample),
  },
  resetGroupAiModelApiRateLimits: {
    call: (o) => client.rateLimits.resetAll({ groupId }, o),
    want: limitPage,
  },
  getOrgAiModelApiRateLimits: {
    call: (o) => client.rateLimits.listForOrg({ orgId }, o),
    want: limitPage,
  },
  getOrgAiModelApiCloudGeographyModelGroupNameRateLimits: {
    call: (o) => client.rateLimits.getForOrg({ orgId, modelGroupName }, o),
    want: expect.objectContaining(rateLimitExample),
  },
};

/** Prism answers `status` for `Prefer: code=…` when Accept allows its application/json errors. */
const answering = (status: string): Options => ({
  headers: {
    prefer: `code=${status}`,
    accept: `application/vnd.atlas.${client.apiVersion}+json, application/json`,
  },
});

describe('every operation of the spec through the published client', () => {
  test('the client has a method for each operation the spec declares, and no other', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...declaredStatuses.keys()].sort());
  });

  test.each(Object.entries(OPERATIONS))('%s succeeds with the spec example', async (_, op) => {
    await expect(op.call(undefined)).resolves.toEqual(op.want);
  });

  test('a created key gives its secret by name only', async () => {
    const key: AiModelApiKey = await client.keys.create({ groupId, name: 'x' });
    expect(key.secret).toBe(secretExample);
    expect(JSON.stringify(key)).not.toContain(secretExample);
  });

  const declaredErrors = [...declaredStatuses].flatMap(([id, statuses]) =>
    statuses.filter((status) => Number(status) >= 400).map((status) => [id, status] as const),
  );

  test.each(declaredErrors)('%s reports its declared %s as a typed error', async (id, status) => {
    const error = await Promise.resolve(OPERATIONS[id as OperationId].call(answering(status))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status: Number(status), errorCode: expect.any(String) });
  });
});
