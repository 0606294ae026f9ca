import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededGroupId } from '../src/seed.js';
import { type AtlasMock, startAtlasMock } from '../src/start-atlas-mock.js';
import { atlasRequest } from './atlas-request.js';

type Json = Record<string, unknown>;
type Limit = Json & { modelGroupName: string; requestsPerMinuteLimit: number };

const ORG = '/api/atlas/v2/orgs/4888442a3354817a7320eb61';
const OTHER_GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const listOf = (groupId: string) => `/api/atlas/v2/groups/${groupId}/aiModelApiRateLimits`;
/** The path of one model group's limits, in a project (`groups/…`) or an organization. */
const limitOf = (scope: string, name: string) =>
  `${scope}/aiModelApiClouds/ANY/geographies/ANY/modelGroupNames/${name}/rateLimits`;
const projectLimit = (name: string, groupId = seededGroupId) =>
  limitOf(`/api/atlas/v2/groups/${groupId}`, name);

/** The spec's example limit: the first model group every project and organization has. */
const EXAMPLE = {
  cloud: 'ANY',
  endpoint: 'ai.mongodb.com',
  geography: 'ANY',
  modelGroupName: 'embed_large',
  requestsPerMinuteLimit: 2000,
  tokensPerMinuteLimit: 3_000_000,
};

async function call(
  mock: AtlasMock,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await atlasRequest(mock.baseUrl, method, path, { body });
  expect(response.headers.get('sl-violations'), `${method} ${path}`).toBeNull();
  return { status: response.status, body: (await response.json()) as Json };
}

const set = (mock: AtlasMock, name: string, rpm: number, tpm: number, groupId = seededGroupId) =>
  call(mock, 'PATCH', projectLimit(name, groupId), {
    requestsPerMinuteLimit: rpm,
    tokensPerMinuteLimit: tpm,
  });

describe('the rate limits of a stateful mock', () => {
  let mock: AtlasMock;
  beforeAll(async () => {
    mock = await startAtlasMock();
  });
  beforeEach(() => mock.reset());
  afterAll(() => mock.close());

  it("start at the organization's limits, the spec's example group first", async () => {
    const { status, body } = await call(mock, 'GET', listOf(OTHER_GROUP));
    expect(status).toBe(200);
    const results = body.results as Limit[];
    expect(results[0]).toMatchObject({ ...EXAMPLE, modelNames: expect.any(Array) });
    expect(body.totalCount).toBe(results.length);
    expect(results.length).toBeGreaterThan(1);
    const org = await call(mock, 'GET', `${ORG}/aiModelApiRateLimits`);
    expect(org.body.results).toEqual(results);
  });

  it('change with an update, in that project only, and read back the same', async () => {
    const updated = await set(mock, 'embed_large', 100, 200_000);
    expect(updated).toMatchObject({
      status: 200,
      body: { ...EXAMPLE, requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 200_000 },
    });
    expect((await call(mock, 'GET', projectLimit('embed_large'))).body).toEqual(updated.body);
    const other = await call(mock, 'GET', projectLimit('embed_large', OTHER_GROUP));
    expect(other.body).toMatchObject(EXAMPLE);
    const org = await call(mock, 'GET', limitOf(ORG, 'embed_large'));
    expect(org.body).toMatchObject(EXAMPLE);
  });

  it("refuse a project limit above the organization's with Atlas's 400, naming both numbers", async () => {
    const refused = await set(mock, 'embed_large', 2001, 100);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 400,
      errorCode: 'BAD_REQUEST',
      reason: 'Bad Request',
      badRequestDetail: {
        fields: [
          {
            field: 'requestsPerMinuteLimit',
            description: "requestsPerMinuteLimit 2001 exceeds the organization's limit of 2000",
          },
        ],
      },
    });
    expect(refused.body.detail).toContain('2001');
    expect((await call(mock, 'GET', projectLimit('embed_large'))).body).toMatchObject(EXAMPLE);
  });

  it("reset one model group to the organization's limits, and leave the others", async () => {
    await set(mock, 'embed_large', 100, 100);
    await set(mock, 'rerank', 10, 10);
    const reset = await call(mock, 'POST', `${projectLimit('embed_large')}:reset`);
    expect(reset).toMatchObject({ status: 200, body: EXAMPLE });
    const rerank = await call(mock, 'GET', projectLimit('rerank'));
    expect(rerank.body).toMatchObject({ requestsPerMinuteLimit: 10, tokensPerMinuteLimit: 10 });
  });

  it('reset every model group of a project, answering the list', async () => {
    await set(mock, 'embed_large', 100, 100);
    await set(mock, 'rerank', 10, 10);
    const reset = await call(mock, 'POST', `${listOf(seededGroupId)}:reset`);
    expect(reset.status).toBe(200);
    const org = await call(mock, 'GET', `${ORG}/aiModelApiRateLimits`);
    expect(reset.body.results).toEqual(org.body.results);
    expect((await call(mock, 'GET', listOf(seededGroupId))).body.results).toEqual(org.body.results);
  });

  it("answer Atlas's 404 for a model group they do not know", async () => {
    const missing = await call(mock, 'GET', projectLimit('no_such_group'));
    expect(missing).toMatchObject({ status: 404, body: { errorCode: 'RESOURCE_NOT_FOUND' } });
    expect(missing.body.detail).toContain('no_such_group');
  });

  it('forget every change on reset', async () => {
    await set(mock, 'embed_large', 1, 1);
    await mock.reset();
    expect((await call(mock, 'GET', projectLimit('embed_large'))).body).toMatchObject(EXAMPLE);
  });

  it('page their list like any Atlas list', async () => {
    const first = await call(mock, 'GET', `${listOf(seededGroupId)}?itemsPerPage=1`);
    expect(first.body.results).toHaveLength(1);
    expect((first.body.links as { rel: string }[]).map((link) => link.rel)).toEqual([
      'self',
      'next',
    ]);
  });
});
