import { describe, expect, test } from 'vitest';
import { accessTokenAuth } from '../../src/index.js';
import { apiError, createObservedClient, json, KEY, PARAMS } from '../helpers/observed-fetch.js';

describe('getGroupAiModelApiKey', () => {
  test('requests the key by group and id and resolves with the decoded key', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await expect(client.getGroupAiModelApiKey(PARAMS)).resolves.toEqual(KEY);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe(
      `https://cloud.example.test/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${KEY.apiKeyId}`,
    );
  });

  test('keeps a base path of the base URL', async () => {
    const { client, requests } = createObservedClient(() => json(KEY), {
      baseUrl: 'https://proxy.example.test/atlas/',
    });
    await client.getGroupAiModelApiKey(PARAMS);
    expect(new URL(requests[0]?.url ?? '').pathname).toBe(
      `/atlas/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${KEY.apiKeyId}`,
    );
  });

  test.each([
    ['no flags', {}, ''],
    ['pretty', { pretty: true }, '?pretty=true'],
    ['envelope false', { envelope: false }, '?envelope=false'],
  ])('passes query flags through: %s', async (_, flags, search) => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.getGroupAiModelApiKey({ ...PARAMS, ...flags });
    expect(new URL(requests[0]?.url ?? '').search).toBe(search);
  });

  test.each([
    ['../x', '..%2Fx'],
    ['a/b', 'a%2Fb'],
    ['?x', '%3Fx'],
    ['#x', '%23x'],
    ['%2F', '%252F'],
    ['é ü', '%C3%A9%20%C3%BC'],
  ])('percent-encodes apiKeyId %j so it stays one path segment', async (apiKeyId, segment) => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.getGroupAiModelApiKey({ groupId: KEY.groupId, apiKeyId });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe(`/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${segment}`);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
  });

  test('withResponse gives the data with the status and headers', async () => {
    const { client } = createObservedClient(() =>
      json(KEY, 200, { 'ratelimit-remaining': '99', 'ratelimit-limit': '100' }),
    );
    const { data, response } = await client.getGroupAiModelApiKey(PARAMS).withResponse();
    expect(data).toEqual(KEY);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-remaining')).toBe('99');
    expect(response.url).toContain(`/aiModelApiKeys/${KEY.apiKeyId}`);
  });

  test('a failed call rejects through withResponse too', async () => {
    const { client } = createObservedClient(() => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404));
    await expect(client.getGroupAiModelApiKey(PARAMS).withResponse()).rejects.toMatchObject({
      status: 404,
    });
  });

  test('the typed openapi-fetch client shares auth and headers', async () => {
    const { client, requests } = createObservedClient(() => json(KEY), {
      auth: accessTokenAuth({ accessToken: 'token-1' }),
    });
    const { data, response } = await client.api.GET(
      '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}',
      { params: { path: PARAMS } },
    );
    expect(response.status).toBe(200);
    expect(data?.maskedSecret).toBe(KEY.maskedSecret);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(requests[0]?.headers.get('accept')).toBe('application/vnd.atlas.2025-03-12+json');
  });

  test('per-request headers are sent and may replace Accept', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.getGroupAiModelApiKey(PARAMS, {
      headers: {
        prefer: 'code=200',
        accept: 'application/vnd.atlas.2025-03-12+json, application/json',
      },
    });
    expect(requests[0]?.headers.get('prefer')).toBe('code=200');
    expect(requests[0]?.headers.get('accept')).toBe(
      'application/vnd.atlas.2025-03-12+json, application/json',
    );
  });

  test('a closed client refuses further calls without a request', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.close();
    await expect(client.getGroupAiModelApiKey(PARAMS)).rejects.toThrow('the client is closed');
    expect(requests).toHaveLength(0);
  });
});
