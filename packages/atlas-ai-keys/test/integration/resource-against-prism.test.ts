import { readFileSync } from 'node:fs';
import { defaultSpecPath } from '@org/atlas-mock';
import { mockUrl } from '@org/atlas-mock/vitest';
import { RESOURCES } from '@org/atlas-types';
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
const modelGroupName = 'embed_large';

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

type Call = (options?: { headers: Record<string, string> }) => unknown;
const limits = { requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 100_000 };

/** A call of each method with valid arguments; `options` pick the mock's answer. */
const CALLS: { [R in keyof typeof RESOURCES]: Record<keyof (typeof RESOURCES)[R], Call> } = {
  keys: {
    list: (o) => client.keys.list({ groupId }, o),
    create: (o) => client.keys.create({ groupId, name: 'app' }, o),
    get: (o) => client.keys.get({ groupId, apiKeyId }, o),
    update: (o) => client.keys.update({ groupId, apiKeyId, name: 'renamed' }, o),
    delete: (o) => client.keys.delete({ groupId, apiKeyId }, o),
    listForOrg: (o) => client.keys.listForOrg({ orgId }, o),
    getForOrg: (o) => client.keys.getForOrg({ orgId, apiKeyId }, o),
  },
  rateLimits: {
    list: (o) => client.rateLimits.list({ groupId }, o),
    get: (o) => client.rateLimits.get({ groupId, modelGroupName }, o),
    update: (o) => client.rateLimits.update({ groupId, modelGroupName, ...limits }, o),
    reset: (o) => client.rateLimits.reset({ groupId, modelGroupName }, o),
    resetAll: (o) => client.rateLimits.resetAll({ groupId }, o),
    listForOrg: (o) => client.rateLimits.listForOrg({ orgId }, o),
    getForOrg: (o) => client.rateLimits.getForOrg({ orgId, modelGroupName }, o),
  },
};

/** Each method as `group.method`, with its operationId and its call. */
const METHODS = Object.entries(RESOURCES).flatMap(([group, methods]) =>
  Object.entries(methods).map(([method, operationId]) => ({
    name: `${group}.${method}`,
    operationId: operationId as OperationId,
    call: (CALLS as Record<string, Record<string, Call>>)[group]?.[method] as Call,
  })),
);

/** Per-request options that make Prism answer `status` (its errors are application/json). */
const answering = (status: string) => ({
  headers: {
    prefer: `code=${status}`,
    accept: `application/vnd.atlas.${client.apiVersion}+json, application/json`,
  },
});

describe('every operation against the Prism mock of the spec', () => {
  test('the mock serves exactly the operations the client has', () => {
    expect([...declared.keys()].sort()).toEqual(METHODS.map((m) => m.operationId).sort());
  });

  test.each(METHODS)('$name succeeds', async ({ name, call }) => {
    const result = (await call()) as { results?: unknown[] } | undefined;
    const one = (result?.results?.[0] ?? result) as Record<string, unknown> | undefined;
    if (name === 'keys.delete') expect(result).toBeUndefined();
    else if (name.startsWith('keys.')) expect(one).toHaveProperty('apiKeyId', apiKeyId);
    else expect(one).toMatchObject({ modelGroupName, requestsPerMinuteLimit: 2000 });
  });

  test('reset all answers with the list of limits, not a page to iterate', async () => {
    const reset = await client.rateLimits.resetAll({ groupId });
    expect(reset.results[0]).toHaveProperty('tokensPerMinuteLimit', 3_000_000);
    expect(Symbol.asyncIterator in client.rateLimits.resetAll({ groupId })).toBe(false);
  });

  test('a created key carries its secret, readable but not enumerable', async () => {
    const key = await client.keys.create({ groupId, name: 'app' });
    expect(key.secret).toMatch(/^al-/);
    expect(Object.keys(key)).not.toContain('secret');
    expect(key).toMatchObject({ cloud: 'ANY', geography: 'ANY', endpoint: 'ai.mongodb.com' });
  });

  test('for await lists every key and every limit the mock serves', async () => {
    const keys = [];
    for await (const key of client.keys.list({ groupId })) keys.push(key);
    expect(keys[0]).toHaveProperty('apiKeyId');
    const limits = [];
    for await (const limit of client.rateLimits.listForOrg({ orgId })) limits.push(limit);
    expect(limits[0]).toHaveProperty('modelGroupName', modelGroupName);
  });

  const errorCases = METHODS.flatMap(({ name, operationId, call }) =>
    (declared.get(operationId) ?? [])
      .filter((status) => Number(status) >= 400)
      .map((status) => ({ name, status, call })),
  );

  test.each(errorCases)(
    '$name reports a declared $status as a typed AtlasApiError',
    async ({ status, call }) => {
      const error = await rejectionOf(call(answering(status)) as Promise<unknown>);
      expect(error).toBeInstanceOf(AtlasApiError);
      expect(error.status).toBe(Number(status));
      expect(typeof error.errorCode).toBe('string');
    },
  );
});
