import {
  type AiModelApiKey,
  AtlasApiError,
  accessTokenAuth,
  createAtlasAiKeysClient,
  type OperationId,
} from '@org/atlas-ai-keys';
import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { declaredStatuses, groupIdExample, keyExample, secretExample } from '../spec-examples.js';

// The published client, used by its package name as an application would, on every operation
// the spec declares, against the Prism mock of that spec.
const groupId = groupIdExample;
const orgId = '4888442a3354817a7320eb61';
const apiKeyId = keyExample.apiKeyId as string;

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
    call: (o) => client.listGroupAiModelApiKeys({ groupId }, o),
    want: expect.objectContaining({ results: [keyExample] }),
  },
  createGroupAiModelApiKey: {
    call: (o) => client.createGroupAiModelApiKey({ groupId, name: 'example-app' }, o),
    want: keyExample,
  },
  getGroupAiModelApiKey: {
    call: (o) => client.getGroupAiModelApiKey({ groupId, apiKeyId }, o),
    want: keyExample,
  },
  updateGroupAiModelApiKey: {
    call: (o) => client.updateGroupAiModelApiKey({ groupId, apiKeyId, name: 'renamed' }, o),
    want: keyExample,
  },
  deleteGroupAiModelApiKey: {
    call: (o) => client.deleteGroupAiModelApiKey({ groupId, apiKeyId }, o),
    want: undefined,
  },
  listOrgAiModelApiKeys: {
    call: (o) => client.listOrgAiModelApiKeys({ orgId }, o),
    want: expect.objectContaining({ results: [keyExample] }),
  },
  getOrgAiModelApiKey: {
    call: (o) => client.getOrgAiModelApiKey({ orgId, apiKeyId }, o),
    want: keyExample,
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
    const key: AiModelApiKey = await client.createGroupAiModelApiKey({ groupId, name: 'x' });
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
