import { afterEach, describe, expect, test, vi } from 'vitest';
import { createAtlasAiKeysClient } from '../../src/index.js';
import { json, KEY, PARAMS } from '../helpers/observed-fetch.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('how the client calls fetch', () => {
  test('the global fetch gets (url, init) with the attempt signal and manual redirects', async () => {
    const calls: unknown[][] = [];
    vi.stubGlobal('fetch', async (...args: unknown[]) => {
      calls.push(args);
      return json(KEY);
    });
    const client = createAtlasAiKeysClient({
      baseUrl: 'https://cloud.example.test',
      logLevel: 'off',
    });

    expect(await client.keys.get(PARAMS)).toEqual(KEY);

    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] as [string, RequestInit];
    expect(typeof url).toBe('string');
    expect(new URL(url).pathname).toBe(
      `/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${KEY.apiKeyId}`,
    );
    expect(init.method).toBe('GET');
    expect(init.redirect).toBe('manual');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(new Headers(init.headers).get('user-agent')).toMatch(/^atlas-ai-keys-js\//);
  });

  test('a custom fetch gets one Request, as openapi-fetch calls it', async () => {
    const calls: unknown[][] = [];
    const fetch = (async (...args: unknown[]) => {
      calls.push(args);
      return json(KEY);
    }) as typeof globalThis.fetch;
    const client = createAtlasAiKeysClient({
      baseUrl: 'https://cloud.example.test',
      logLevel: 'off',
      fetch,
    });

    expect(await client.keys.get(PARAMS)).toEqual(KEY);

    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(1);
    const [request] = calls[0] as [Request];
    expect(request).toBeInstanceOf(Request);
    expect(request.redirect).toBe('manual');
    expect(request.headers.get('user-agent')).toMatch(/^atlas-ai-keys-js\//);
  });
});
