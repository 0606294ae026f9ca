import { describe, expect, test } from 'vitest';
import { AtlasApiError, accessTokenAuth } from '../../src/index.js';
import { createObservedClient, json, KEY, PARAMS, rejectionOf } from '../helpers/observed-fetch.js';

const CREATE = { groupId: KEY.groupId, name: 'app' };

const redirect = (status: number, location: string) =>
  new Response(null, { status, headers: { location } });

describe('redirects', () => {
  test.each([301, 302, 307, 308])(
    'a %i within the origin is followed with credentials',
    async (status) => {
      const { client, requests } = createObservedClient(
        (_, attempt) => (attempt === 0 ? redirect(status, '/moved/key') : json(KEY)),
        { auth: accessTokenAuth({ accessToken: 'tok' }) },
      );
      await expect(client.keys.get(PARAMS)).resolves.toEqual(KEY);
      expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
        `/api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}`,
        '/moved/key',
      ]);
      expect(requests[1]?.headers.get('authorization')).toBe('Bearer tok');
    },
  );

  test('a 303 to a GET is followed as a GET', async () => {
    const { client, requests } = createObservedClient((_, attempt) =>
      attempt === 0 ? redirect(303, '/moved/key') : json(KEY),
    );
    await expect(client.keys.get(PARAMS)).resolves.toEqual(KEY);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /api/atlas/v2/groups/${PARAMS.groupId}/aiModelApiKeys/${PARAMS.apiKeyId}`,
      'GET /moved/key',
    ]);
  });

  test.each([301, 302, 303])(
    'a create (POST) answered %i is followed as a GET without a body, so no second key is made',
    async (status) => {
      const { client, requests } = createObservedClient(
        (_, attempt) => (attempt === 0 ? redirect(status, '/moved/key') : json(KEY)),
        { auth: accessTokenAuth({ accessToken: 'tok' }) },
      );
      await expect(client.keys.create(CREATE)).resolves.toEqual(KEY);
      expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
        `POST /api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys`,
        'GET /moved/key',
      ]);
      expect(requests[1]?.body).toBeNull();
      expect(requests[1]?.headers.get('authorization')).toBe('Bearer tok');
    },
  );

  test.each([307, 308])(
    'a create (POST) answered %i is re-sent as the same POST with the same body',
    async (status) => {
      const { client, requests } = createObservedClient((_, attempt) =>
        attempt === 0 ? redirect(status, '/moved/keys') : json(KEY),
      );
      await expect(client.keys.create(CREATE)).resolves.toEqual(KEY);
      expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
        `POST /api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys`,
        'POST /moved/keys',
      ]);
      const bodies = await Promise.all(requests.map((r) => r.json()));
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[1]).toMatchObject({ name: CREATE.name });
    },
  );

  test.each([301, 302, 303, 307, 308])(
    'a %i to another origin is not followed and nothing is sent there',
    async (status) => {
      const { client, requests } = createObservedClient(
        () => redirect(status, 'https://elsewhere.example.test/steal?token=abc'),
        { auth: accessTokenAuth({ accessToken: 'tok' }) },
      );
      const error = await rejectionOf(client.keys.get(PARAMS));
      expect(error).toBeInstanceOf(AtlasApiError);
      expect(error.status).toBe(status);
      expect(error.message).toContain('redirect to https://elsewhere.example.test not followed');
      expect(error.message).not.toContain('token=abc');
      expect(requests).toHaveLength(1);
      expect(requests.every((r) => new URL(r.url).origin === 'https://cloud.example.test')).toBe(
        true,
      );
    },
  );

  test('a redirect loop within the origin ends after a bounded number of hops', async () => {
    const { client, requests } = createObservedClient(() => redirect(302, '/again'), {
      maxRetries: 0,
    });
    await expect(client.keys.get(PARAMS)).rejects.toMatchObject({ status: 302 });
    expect(requests).toHaveLength(6);
  });

  test('requests are sent with redirect: manual so fetch never follows on its own', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.keys.get(PARAMS);
    expect(requests[0]?.redirect).toBe('manual');
  });
});
