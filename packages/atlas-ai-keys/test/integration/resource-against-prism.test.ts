import { readFileSync } from 'node:fs';
import { defaultSpecPath } from '@org/atlas-mock';
import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
  AtlasApiError,
  accessTokenAuth,
  createAtlasAiKeysClient,
  type OperationId,
} from '../../src/index.js';
import { rejectionOf } from '../helpers/observed-fetch.js';

// The spec's own examples: the ids the mock's static answers are built from.
const groupId = '32b6e34b3d91647abb20e7b8';
const orgId = '4888442a3354817a7320eb61';
const apiKeyId = 'a86r5kwrfsk5r5ku5tgvhmpj';

type Operation = { responses: Record<string, unknown> };
const spec = parse(readFileSync(defaultSpecPath, 'utf8')) as {
  paths: Record<string, Record<string, Operation & { operationId: string }>>;
};
/** Each operation's declared response statuses, read from the spec the mock serves. */
const declared = new Map(
  Object.values(spec.paths).flatMap((item) =>
    Object.values(item).map((op) => [op.operationId, Object.keys(op.responses)] as const),
  ),
);

const client = createAtlasAiKeysClient({
  baseUrl: mockUrl(),
  maxRetries: 0,
  auth: accessTokenAuth({ accessToken: 'integration-token' }),
});

/** A call of each operation with valid arguments; `options` pick the mock's answer. */
const CALLS: Record<OperationId, (options?: { headers: Record<string, string> }) => unknown> = {
  listGroupAiModelApiKeys: (o) => client.listGroupAiModelApiKeys({ groupId }, o),
  createGroupAiModelApiKey: (o) => client.createGroupAiModelApiKey({ groupId, name: 'app' }, o),
  getGroupAiModelApiKey: (o) => client.getGroupAiModelApiKey({ groupId, apiKeyId }, o),
  updateGroupAiModelApiKey: (o) =>
    client.updateGroupAiModelApiKey({ groupId, apiKeyId, name: 'renamed' }, o),
  deleteGroupAiModelApiKey: (o) => client.deleteGroupAiModelApiKey({ groupId, apiKeyId }, o),
  listOrgAiModelApiKeys: (o) => client.listOrgAiModelApiKeys({ orgId }, o),
  getOrgAiModelApiKey: (o) => client.getOrgAiModelApiKey({ orgId, apiKeyId }, o),
};

/** Per-request options that make Prism answer `status` (its errors are application/json). */
const answering = (status: string) => ({
  headers: {
    prefer: `code=${status}`,
    accept: `application/vnd.atlas.${client.apiVersion}+json, application/json`,
  },
});

describe('every operation against the Prism mock of the spec', () => {
  test('the mock serves exactly the operations the client has', () => {
    expect([...declared.keys()].sort()).toEqual(Object.keys(CALLS).sort());
  });

  test.each(Object.keys(CALLS) as OperationId[])('%s succeeds', async (operationId) => {
    const result = (await CALLS[operationId]()) as { results?: unknown[] } | undefined;
    if (operationId === 'deleteGroupAiModelApiKey') expect(result).toBeUndefined();
    else if (operationId.startsWith('list')) {
      expect(result?.results?.[0]).toHaveProperty('apiKeyId', apiKeyId);
    } else expect(result).toHaveProperty('apiKeyId', apiKeyId);
  });

  test('a created key carries its secret, readable but not enumerable', async () => {
    const key = await client.createGroupAiModelApiKey({ groupId, name: 'app' });
    expect(key.secret).toMatch(/^al-/);
    expect(Object.keys(key)).not.toContain('secret');
    expect(key).toMatchObject({ cloud: 'ANY', geography: 'ANY', endpoint: 'ai.mongodb.com' });
  });

  test('for await lists every key the mock serves', async () => {
    const keys = [];
    for await (const key of client.listGroupAiModelApiKeys({ groupId })) keys.push(key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toHaveProperty('apiKeyId');
  });

  const errorCases = [...declared].flatMap(([operationId, statuses]) =>
    statuses.filter((status) => Number(status) >= 400).map((status) => [operationId, status]),
  ) as [OperationId, string][];

  test.each(errorCases)('%s reports a declared %s as a typed AtlasApiError', async (id, status) => {
    const error = await rejectionOf(CALLS[id](answering(status)) as Promise<unknown>);
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error.status).toBe(Number(status));
    expect(typeof error.errorCode).toBe('string');
  });
});
