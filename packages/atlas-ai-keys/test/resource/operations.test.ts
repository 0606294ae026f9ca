import { describe, expect, test } from 'vitest';
import { AtlasNotFoundError, AtlasValidationError } from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

const ORG_ID = '4888442a3354817a7320eb61';
const GROUP = `/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys`;
const ORG = `/api/atlas/v2/orgs/${ORG_ID}/aiModelApiKeys`;
const PAGE = { results: [KEY], totalCount: 1, links: [] };
const MEDIA_TYPE = 'application/vnd.atlas.2025-03-12+json';
const LIMIT = {
  cloud: 'ANY',
  endpoint: 'ai.mongodb.com',
  geography: 'ANY',
  modelGroupName: 'embed_large',
  modelNames: ['voyage-3-large'],
  requestsPerMinuteLimit: 2000,
  tokensPerMinuteLimit: 3_000_000,
};
const LIMITS = { results: [LIMIT], totalCount: 1, links: [] };
const GROUP_LIMITS = `/api/atlas/v2/groups/${KEY.groupId}/aiModelApiRateLimits`;
const ORG_LIMITS = `/api/atlas/v2/orgs/${ORG_ID}/aiModelApiRateLimits`;
/** The path of one model group's limits, in the scope `scope` (`groups/…` or `orgs/…`). */
const limitPath = (scope: string, name = 'embed_large') =>
  `/api/atlas/v2/${scope}/aiModelApiClouds/ANY/geographies/ANY/modelGroupNames/${name}/rateLimits`;

/** One call of each operation and the request it must make. */
const CALLS = [
  {
    name: 'listGroupAiModelApiKeys',
    call: (c: Client) => c.keys.list({ groupId: KEY.groupId }),
    answer: () => json(PAGE),
    want: { method: 'GET', url: GROUP, body: undefined, data: PAGE },
  },
  {
    name: 'createGroupAiModelApiKey',
    call: (c: Client) => c.keys.create({ groupId: KEY.groupId, name: 'app' }),
    answer: () => json(KEY, 201),
    want: {
      method: 'POST',
      url: GROUP,
      body: { cloud: 'ANY', geography: 'ANY', name: 'app' },
      data: KEY,
    },
  },
  {
    name: 'getGroupAiModelApiKey',
    call: (c: Client) => c.keys.get(PARAMS),
    answer: () => json(KEY),
    want: { method: 'GET', url: `${GROUP}/${KEY.apiKeyId}`, body: undefined, data: KEY },
  },
  {
    name: 'updateGroupAiModelApiKey',
    call: (c: Client) => c.keys.update({ ...PARAMS, name: 'renamed' }),
    answer: () => json({ ...KEY, name: 'renamed' }),
    want: {
      method: 'PATCH',
      url: `${GROUP}/${KEY.apiKeyId}`,
      body: { name: 'renamed' },
      data: { ...KEY, name: 'renamed' },
    },
  },
  {
    name: 'deleteGroupAiModelApiKey',
    call: (c: Client) => c.keys.delete(PARAMS),
    answer: () => new Response(null, { status: 204 }),
    want: { method: 'DELETE', url: `${GROUP}/${KEY.apiKeyId}`, body: undefined, data: undefined },
  },
  {
    name: 'listOrgAiModelApiKeys',
    call: (c: Client) => c.keys.listForOrg({ orgId: ORG_ID, pageNum: 2, itemsPerPage: 10 }),
    answer: () => json(PAGE),
    want: { method: 'GET', url: `${ORG}?itemsPerPage=10&pageNum=2`, body: undefined, data: PAGE },
  },
  {
    name: 'getOrgAiModelApiKey',
    call: (c: Client) => c.keys.getForOrg({ orgId: ORG_ID, apiKeyId: KEY.apiKeyId }),
    answer: () => json(KEY),
    want: { method: 'GET', url: `${ORG}/${KEY.apiKeyId}`, body: undefined, data: KEY },
  },
  {
    name: 'getGroupAiModelApiRateLimits',
    call: (c: Client) => c.rateLimits.list({ groupId: KEY.groupId }),
    answer: () => json(LIMITS),
    want: { method: 'GET', url: GROUP_LIMITS, body: undefined, data: LIMITS },
  },
  {
    name: 'getGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    call: (c: Client) => c.rateLimits.get({ groupId: KEY.groupId, modelGroupName: 'embed_large' }),
    answer: () => json(LIMIT),
    want: { method: 'GET', url: limitPath(`groups/${KEY.groupId}`), body: undefined, data: LIMIT },
  },
  {
    name: 'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    call: (c: Client) =>
      c.rateLimits.update({
        groupId: KEY.groupId,
        modelGroupName: 'embed_large',
        requestsPerMinuteLimit: 100,
        tokensPerMinuteLimit: 200_000,
      }),
    answer: () => json({ ...LIMIT, requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 200_000 }),
    want: {
      method: 'PATCH',
      url: limitPath(`groups/${KEY.groupId}`),
      body: { requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 200_000 },
      data: { ...LIMIT, requestsPerMinuteLimit: 100, tokensPerMinuteLimit: 200_000 },
    },
  },
  {
    name: 'resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits',
    call: (c: Client) =>
      c.rateLimits.reset({ groupId: KEY.groupId, modelGroupName: 'embed_large' }),
    answer: () => json(LIMIT),
    want: {
      method: 'POST',
      url: `${limitPath(`groups/${KEY.groupId}`)}:reset`,
      body: undefined,
      data: LIMIT,
    },
  },
  {
    name: 'resetGroupAiModelApiRateLimits',
    call: (c: Client) => c.rateLimits.resetAll({ groupId: KEY.groupId }),
    answer: () => json(LIMITS),
    want: { method: 'POST', url: `${GROUP_LIMITS}:reset`, body: undefined, data: LIMITS },
  },
  {
    name: 'getOrgAiModelApiRateLimits',
    call: (c: Client) => c.rateLimits.listForOrg({ orgId: ORG_ID, itemsPerPage: 5 }),
    answer: () => json(LIMITS),
    want: { method: 'GET', url: `${ORG_LIMITS}?itemsPerPage=5`, body: undefined, data: LIMITS },
  },
  {
    name: 'getOrgAiModelApiCloudGeographyModelGroupNameRateLimits',
    call: (c: Client) => c.rateLimits.getForOrg({ orgId: ORG_ID, modelGroupName: 'embed_large' }),
    answer: () => json(LIMIT),
    want: { method: 'GET', url: limitPath(`orgs/${ORG_ID}`), body: undefined, data: LIMIT },
  },
];

type Client = ReturnType<typeof createObservedClient>['client'];

describe('one method per operation', () => {
  test.each(CALLS)(
    '$name sends $want.method to its path and decodes the answer',
    async ({ call, answer, want }) => {
      const { client, requests } = createObservedClient(answer);
      await expect(call(client)).resolves.toEqual(want.data);
      expect(requests).toHaveLength(1);
      const [request] = requests as [Request];
      expect(request.method).toBe(want.method);
      const url = new URL(request.url);
      expect(url.pathname + url.search).toBe(want.url);
      expect(request.headers.get('accept')).toBe(MEDIA_TYPE);
      if (want.body === undefined) {
        expect(request.body).toBeNull();
        expect(request.headers.get('content-type')).toBeNull();
      } else {
        expect(await request.json()).toEqual(want.body);
        // note: the body is sent in the version's media type, as Atlas's own SDK and Terraform do.
        expect(request.headers.get('content-type')).toBe(MEDIA_TYPE);
      }
    },
  );

  test.each(CALLS)('$name rejects a 404 with AtlasNotFoundError', async ({ call }) => {
    const { client } = createObservedClient(() => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404));
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(AtlasNotFoundError);
    expect(error.errorCode).toBe('RESOURCE_NOT_FOUND');
  });

  test.each(CALLS)('$name gives the response with withResponse()', async ({ call, answer }) => {
    const { client } = createObservedClient(() => answer());
    const { response } = await call(client).withResponse();
    expect(response.ok).toBe(true);
  });

  test('create keeps scope fields the caller gives', async () => {
    const { client, requests } = createObservedClient(() => json(KEY, 201));
    await client.keys.create({
      groupId: KEY.groupId,
      name: 'app',
      cloud: 'ANY',
      geography: 'ANY',
    });
    expect(await requests[0]?.json()).toEqual({ cloud: 'ANY', geography: 'ANY', name: 'app' });
  });

  test('query flags and body fields travel side by side in one params object', async () => {
    const { client, requests } = createObservedClient(() => json({ status: 201, content: KEY }));
    const key = await client.keys.create({
      groupId: KEY.groupId,
      name: 'app',
      envelope: true,
      pretty: true,
    });
    expect(key).toEqual(KEY);
    expect(new URL(requests[0]?.url ?? '').search).toBe('?envelope=true&pretty=true');
    expect(await requests[0]?.json()).toEqual({ cloud: 'ANY', geography: 'ANY', name: 'app' });
  });

  test('delete resolves with nothing on 204, even under envelope', async () => {
    const { client } = createObservedClient(() => new Response(null, { status: 204 }));
    await expect(client.keys.delete({ ...PARAMS, envelope: true })).resolves.toBe(undefined);
  });

  test('a parameter no operation takes is refused, naming it and the ones it takes', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    const error = await rejectionOf(
      // biome-ignore lint/suspicious/noExplicitAny: a misspelt parameter, as JavaScript allows
      client.keys.update({ ...PARAMS, nmae: 'x' } as any),
    );
    expect(error).toBeInstanceOf(AtlasValidationError);
    expect(error.message).toBe(
      'nmae must be one of the parameters of updateGroupAiModelApiKey (groupId, apiKeyId, envelope, pretty, name)',
    );
    expect(requests).toHaveLength(0);
  });

  test('an unknown apiVersion is still sent, in Accept and Content-Type', async () => {
    const { client, requests } = createObservedClient(() => json(KEY, 201), {
      apiVersion: '2031-01-01',
    });
    await client.keys.create({ groupId: KEY.groupId, name: 'app' });
    expect(requests[0]?.headers.get('accept')).toBe('application/vnd.atlas.2031-01-01+json');
    expect(requests[0]?.headers.get('content-type')).toBe('application/vnd.atlas.2031-01-01+json');
  });
});

describe('rate limits', () => {
  test('reset all resolves with the list it answers, and is no list to iterate', async () => {
    const { client, requests } = createObservedClient(() => json(LIMITS));
    const call = client.rateLimits.resetAll({ groupId: KEY.groupId });
    expect(Symbol.asyncIterator in call).toBe(false);
    await expect(call).resolves.toEqual(LIMITS);
    expect(requests).toHaveLength(1);
  });

  test('a model group name is sent as one percent-encoded path segment', async () => {
    const { client, requests } = createObservedClient(() => json(LIMIT));
    await client.rateLimits.get({ groupId: KEY.groupId, modelGroupName: 'embed?large#1%' });
    expect(new URL(requests[0]?.url ?? '').pathname).toBe(
      limitPath(`groups/${KEY.groupId}`, 'embed%3Flarge%231%25'),
    );
  });

  test('an update sends both limits, and refuses a zero before any request', async () => {
    const { client, requests } = createObservedClient(() => json(LIMIT));
    const error = await rejectionOf(
      client.rateLimits.update({
        groupId: KEY.groupId,
        modelGroupName: 'embed_large',
        requestsPerMinuteLimit: 0,
        tokensPerMinuteLimit: 10,
      }),
    );
    expect(error.message).toBe(
      'requestsPerMinuteLimit must be a whole number from 1 to 2147483647 (received number 0)',
    );
    expect(requests).toHaveLength(0);
  });
});
