import { describe, expect, test } from 'vitest';
import { VERSION } from '../../src/index.js';
import { createObservedClient, json, KEY, PARAMS } from '../helpers/observed-fetch.js';

describe('User-Agent', () => {
  test('names the package, its version and the runtime', async () => {
    const { client, requests } = createObservedClient(() => json(KEY));
    await client.keys.get(PARAMS);
    expect(requests[0]?.headers.get('user-agent')).toBe(
      `atlas-ai-keys-js/${VERSION} node/${process.versions.node} (${process.platform}; ${process.arch})`,
    );
  });

  test("appends the caller's suffix", async () => {
    const { client, requests } = createObservedClient(() => json(KEY), {
      userAgent: 'my-app/1.2.3',
    });
    await client.keys.get(PARAMS);
    expect(requests[0]?.headers.get('user-agent')).toMatch(
      /^atlas-ai-keys-js\/\S+ node\/.+ my-app\/1\.2\.3$/,
    );
  });
});
