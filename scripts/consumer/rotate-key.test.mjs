// test/rotate-key.test.mjs: run with `node --test`
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import {
  AtlasNotFoundError,
  AtlasRateLimitError,
  accessTokenAuth,
  createAtlasAiKeysClient,
} from '@org/atlas-ai-keys';
import { useAtlasMock } from '@org/atlas-mock/node-test';

// A stateful Atlas mock for this file, started before its tests and stopped after them.
const mock = useAtlasMock();
beforeEach(() => mock.reset());

const groupId = '32b6e34b3d91647abb20e7b8';

/** The code under test: a new key of the same name, then the old one deleted. */
async function rotate(atlas, apiKeyId) {
  const old = await atlas.keys.get({ groupId, apiKeyId });
  const fresh = await atlas.keys.create({ groupId, name: old.name });
  await atlas.keys.delete({ groupId, apiKeyId });
  return fresh;
}

/** A client of the mock; any bearer token passes. */
function atlasClient(options = {}) {
  return createAtlasAiKeysClient({
    baseUrl: mock.baseUrl,
    auth: accessTokenAuth({ accessToken: 'test' }),
    ...options,
  });
}

test('rotating replaces the key with a new one of the same name', async () => {
  const atlas = atlasClient();
  const old = await atlas.keys.create({ groupId, name: 'search' });

  const fresh = await rotate(atlas, old.apiKeyId);

  assert.equal(fresh.name, 'search');
  assert.notEqual(fresh.apiKeyId, old.apiKeyId);
  assert.match(fresh.secret, /^al-/);
  const names = [];
  for await (const key of atlas.keys.list({ groupId })) names.push(key.name);
  assert.deepEqual(names, ['Production key', 'search']);
  await assert.rejects(atlas.keys.get({ groupId, apiKeyId: old.apiKeyId }), AtlasNotFoundError);
  await atlas.close();
});

test('a rotation refused with 429 keeps the old key', async () => {
  const atlas = atlasClient();
  const old = await atlas.keys.create({ groupId, name: 'search' });
  // Errors on demand: the mock answers `Prefer: code=429` with Atlas's 429 and Retry-After.
  const limited = atlasClient({
    maxRetries: 0,
    fetch: (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST') request.headers.set('prefer', 'code=429');
      return fetch(request);
    },
  });

  await assert.rejects(rotate(limited, old.apiKeyId), AtlasRateLimitError);

  const kept = await atlas.keys.get({ groupId, apiKeyId: old.apiKeyId });
  assert.equal(kept.name, 'search');
  await Promise.all([atlas.close(), limited.close()]);
});
