import { describe, expect, test } from 'vitest';
import { AtlasForbiddenError } from '../../src/index.js';
import {
  apiError,
  createObservedClient,
  json,
  KEY,
  PARAMS,
  rejectionOf,
} from '../helpers/observed-fetch.js';

describe('envelope', () => {
  test('envelope: true sends envelope=true and still resolves with the key', async () => {
    const { client, requests } = createObservedClient(() => json({ status: 200, content: KEY }));
    await expect(client.keys.get({ ...PARAMS, envelope: true })).resolves.toEqual(KEY);
    expect(new URL(requests[0]?.url ?? '').searchParams.get('envelope')).toBe('true');
  });

  test('a server that ignores envelope=true still yields the key', async () => {
    const { client } = createObservedClient(() => json(KEY));
    await expect(client.keys.get({ ...PARAMS, envelope: true })).resolves.toEqual(KEY);
  });

  test('an enveloped error status under HTTP 200 becomes the typed error', async () => {
    const { client } = createObservedClient(() =>
      json({ status: 403, content: apiError(403, 'USER_CANNOT_ACCESS_GROUP') }),
    );
    const error = await rejectionOf(client.keys.get({ ...PARAMS, envelope: true }));
    expect(error).toBeInstanceOf(AtlasForbiddenError);
    expect(error).toMatchObject({ status: 403, errorCode: 'USER_CANNOT_ACCESS_GROUP' });
  });

  test('an enveloped error body is unwrapped', async () => {
    const { client } = createObservedClient(() =>
      json({ status: 403, content: apiError(403, 'USER_CANNOT_ACCESS_GROUP') }, 403),
    );
    await expect(client.keys.get({ ...PARAMS, envelope: true })).rejects.toMatchObject({
      errorCode: 'USER_CANNOT_ACCESS_GROUP',
    });
  });
});
