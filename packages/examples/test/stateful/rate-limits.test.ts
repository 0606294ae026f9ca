// The published client's rate-limit methods against the stateful mock from
// `@org/atlas-mock/global-setup`: each operation with what it changes, each error the spec
// declares for it, and bad arguments refused before any request. Each test works in a project
// of its own; the mock is shared by the run and never reset here.
import {
  type AiModelRateLimit,
  AtlasApiError,
  AtlasBadRequestError,
  AtlasNotFoundError,
  AtlasValidationError,
  accessTokenAuth,
  createAtlasAiKeysClient,
  type OperationId,
} from '@org/atlas-ai-keys';
import { mockUrl } from '@org/atlas-mock/vitest';
import { describe, expect, test } from 'vitest';
import { declaredStatuses, rateLimitExample } from '../spec-examples.js';

const atlas = createAtlasAiKeysClient({
  baseUrl: mockUrl(),
  auth: accessTokenAuth({ accessToken: 'mock' }),
  maxRetries: 0,
});
const orgId = '4888442a3354817a7320eb61';
const modelGroupName = rateLimitExample.modelGroupName as string;
const example = rateLimitExample as Partial<AiModelRateLimit>;

/** A project of its own for each test, so that tests never see each other's limits. */
const project = (n: number) => `${'f'.repeat(22)}${String(n).padStart(2, '0')}`;

/** The limits of `groupId`, by model group. */
async function limitsOf(groupId: string): Promise<Map<string, AiModelRateLimit>> {
  const limits = new Map<string, AiModelRateLimit>();
  for await (const limit of atlas.rateLimits.list({ groupId })) {
    limits.set(limit.modelGroupName, limit);
  }
  return limits;
}

describe("a project's rate limits through their whole life", () => {
  test("list starts at the organization's limits, the spec's example group among them", async () => {
    const groupId = project(1);
    const inProject = [...(await limitsOf(groupId)).values()];
    const organization = [];
    for await (const limit of atlas.rateLimits.listForOrg({ orgId })) organization.push(limit);
    expect(inProject).toEqual(organization);
    expect(inProject[0]).toMatchObject(example);
    expect(await atlas.rateLimits.getForOrg({ orgId, modelGroupName })).toEqual(inProject[0]);
  });

  test('update sets both limits; get reads them back; reset gives the defaults back', async () => {
    const groupId = project(2);
    const set = await atlas.rateLimits.update({
      groupId,
      modelGroupName,
      requestsPerMinuteLimit: 100,
      tokensPerMinuteLimit: 250_000,
    });
    expect(set).toMatchObject({ modelGroupName, requestsPerMinuteLimit: 100 });
    expect(await atlas.rateLimits.get({ groupId, modelGroupName })).toEqual(set);
    expect((await limitsOf(project(3))).get(modelGroupName)).toMatchObject(example);

    const reset = await atlas.rateLimits.reset({ groupId, modelGroupName });
    expect(reset).toMatchObject(example);
  });

  test('resetAll gives every model group its defaults back and answers the whole list', async () => {
    const groupId = project(4);
    const names = [...(await limitsOf(groupId)).keys()];
    for (const name of names) {
      await atlas.rateLimits.update({
        groupId,
        modelGroupName: name,
        requestsPerMinuteLimit: 1,
        tokensPerMinuteLimit: 1,
      });
    }
    const all = await atlas.rateLimits.resetAll({ groupId });
    expect(all.results.map((limit) => limit.modelGroupName)).toEqual(names);
    expect(all.results.every((limit) => limit.requestsPerMinuteLimit > 1)).toBe(true);
    expect([...(await limitsOf(groupId)).values()]).toEqual(all.results);
  });

  test("a limit above the organization's is AtlasBadRequestError naming both numbers", async () => {
    const error = await atlas.rateLimits
      .update({
        groupId: project(5),
        modelGroupName,
        requestsPerMinuteLimit: (example.requestsPerMinuteLimit as number) + 1,
        tokensPerMinuteLimit: 1,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasBadRequestError);
    expect(error).toMatchObject({ status: 400, errorCode: 'BAD_REQUEST' });
    expect((error as AtlasApiError).detail).toContain(
      `requestsPerMinuteLimit ${(example.requestsPerMinuteLimit as number) + 1} exceeds the organization's limit of ${example.requestsPerMinuteLimit}`,
    );
  });

  test('a model group Atlas does not have is AtlasNotFoundError', async () => {
    const error = await atlas.rateLimits
      .get({ groupId: project(6), modelGroupName: 'no_such_group' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error).toMatchObject({ errorCode: 'RESOURCE_NOT_FOUND' });
  });

  test.each([
    ['a limit of 0', { requestsPerMinuteLimit: 0, tokensPerMinuteLimit: 1 }],
    ['a limit past int32', { requestsPerMinuteLimit: 1, tokensPerMinuteLimit: 2 ** 31 }],
    ['a fraction', { requestsPerMinuteLimit: 1.5, tokensPerMinuteLimit: 1 }],
    ['a model group with a "/"', { modelGroupName: 'embed/large' }],
    ['the model group ".."', { modelGroupName: '..' }],
    ['a model group with a space', { modelGroupName: 'embed large' }],
  ])('%s is refused before any request', async (_, change) => {
    const params = {
      groupId: project(7),
      modelGroupName,
      requestsPerMinuteLimit: 10,
      tokensPerMinuteLimit: 10,
      ...change,
    };
    const error = await atlas.rateLimits.update(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect((await limitsOf(project(7))).get(modelGroupName)).toMatchObject(example);
  });
});

/** A call of each rate-limit operation, in a project of its own. */
const CALLS: [OperationId, (headers: Record<string, string>) => PromiseLike<unknown>][] = [
  [
    'getGroupAiModelApiRateLimits',
    (h) => atlas.rateLimits.list({ groupId: project(8) }, { headers: h }),
  ],
  [
    'getGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    (h) => atlas.rateLimits.get({ groupId: project(8), modelGroupName }, { headers: h }),
  ],
  [
    'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    (h) =>
      atlas.rateLimits.update(
        { groupId: project(8), modelGroupName, requestsPerMinuteLimit: 1, tokensPerMinuteLimit: 1 },
        { headers: h },
      ),
  ],
  [
    'resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    (h) => atlas.rateLimits.reset({ groupId: project(8), modelGroupName }, { headers: h }),
  ],
  [
    'resetGroupAiModelApiRateLimits',
    (h) => atlas.rateLimits.resetAll({ groupId: project(8) }, { headers: h }),
  ],
  ['getOrgAiModelApiRateLimits', (h) => atlas.rateLimits.listForOrg({ orgId }, { headers: h })],
  [
    'getOrgAiModelApiCloudGeographyModelGroupNameRateLimits',
    (h) => atlas.rateLimits.getForOrg({ orgId, modelGroupName }, { headers: h }),
  ],
];

describe('each error the spec declares for a rate-limit operation', () => {
  const cases = CALLS.flatMap(([operationId, call]) =>
    (declaredStatuses.get(operationId) ?? [])
      .filter((status) => Number(status) >= 400)
      .map((status) => [operationId, Number(status), call] as const),
  );

  test('covers every rate-limit operation of the spec', () => {
    const rateLimitOperations = [...declaredStatuses.keys()].filter((id) => /RateLimits$/.test(id));
    expect(CALLS.map(([id]) => id).sort()).toEqual(rateLimitOperations.sort());
  });

  test.each(cases)('%s: Prefer: code=%i gives its typed error', async (_, status, call) => {
    const error = await Promise.resolve(call({ prefer: `code=${status}` })).catch((e) => e);
    expect(error).toBeInstanceOf(AtlasApiError);
    expect(error).toMatchObject({ status, errorCode: expect.any(String) });
  });
});
