import { describe, expect, test } from 'vitest';
import { apiError, createObservedClient, json, KEY, PARAMS } from '../helpers/observed-fetch.js';

describe('keys.get', () => {
  test('requests the key by group and id and resolves with the decoded key', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await expect(client.keys.get(PARAMS)).resolves.toEqual(KEY);
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
    await client.keys.get(PARAMS);
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
    await client.keys.get({ ...PARAMS, ...flags });
    expect(new URL(requests[0]?.url ?? '').search).toBe(search);
  });

  test.each([
    ['?x', '%3Fx'],
    ['#x', '%23x'],
    ['%2F', '%252F'],
    ['..%2Fx', '..%252Fx'],
    ['éü', '%C3%A9%C3%BC'],
  ])('percent-encodes apiKeyId %j so it stays one path segment', async (apiKeyId, segment) => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.keys.get({ groupId: KEY.groupId, apiKeyId });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe(`/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${segment}`);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
  });

  test('withResponse gives the data with the status and headers', async () => {
    const { client } = createObservedClient(() =>
      json(KEY, 200, { 'ratelimit-remaining': '99', 'ratelimit-limit': '100' }),
    );
    const { data, response } = await client.keys.get(PARAMS).withResponse();
    expect(data).toEqual(KEY);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-remaining')).toBe('99');
    expect(response.url).toContain(`/aiModelApiKeys/${KEY.apiKeyId}`);
  });

  describe('the response from withResponse can still be read', () => {
    test.each([
      ['json', (r: Response) => r.json(), KEY],
      ['text', async (r: Response) => JSON.parse(await r.text()), KEY],
      [
        'arrayBuffer',
        async (r: Response) => JSON.parse(new TextDecoder().decode(await r.arrayBuffer())),
        KEY,
      ],
      ['body', async (r: Response) => new Response(r.body).json(), KEY],
    ])('with %s, giving the bytes the data was decoded from', async (_, read, expected) => {
      const { client } = createObservedClient(() => json(KEY));
      const { response } = await client.keys.get(PARAMS).withResponse();
      expect(response.bodyUsed).toBe(false);
      expect(await read(response)).toEqual(expected);
      expect(response.bodyUsed).toBe(true);
    });

    test('by every caller of withResponse on the same call', async () => {
      const { client, requests } = createObservedClient(() => json(KEY));
      const call = client.keys.get(PARAMS);
      const first = await call.withResponse();
      const second = await call.withResponse();
      expect(await first.response.json()).toEqual(KEY);
      expect(await second.response.text()).toBe(JSON.stringify(KEY));
      expect(await call).toEqual(KEY);
      expect(requests).toHaveLength(1);
    });

    test('with the body as sent, enveloped or pretty, not as decoded', async () => {
      const body = JSON.stringify({ status: 200, content: KEY }, null, 2);
      const { client } = createObservedClient(
        () => new Response(body, { headers: { 'content-type': 'application/json' } }),
      );
      const { data, response } = await client.keys
        .get({ ...PARAMS, envelope: true, pretty: true })
        .withResponse();
      expect(data).toEqual(KEY);
      expect(await response.text()).toBe(body);
    });
  });

  test('a failed call rejects through withResponse too', async () => {
    const { client } = createObservedClient(() => json(apiError(404, 'RESOURCE_NOT_FOUND'), 404));
    await expect(client.keys.get(PARAMS).withResponse()).rejects.toMatchObject({
      status: 404,
    });
  });

  test('per-request headers are sent and may replace Accept', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.keys.get(PARAMS, {
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
    await expect(client.keys.get(PARAMS)).rejects.toThrow('the client is closed');
    expect(requests).toHaveLength(0);
  });
});
