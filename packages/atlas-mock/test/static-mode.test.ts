import { describe, expect, it } from 'vitest';
import { seededApiKeyId, seededCurl, seededGroupId, seededKeyPath } from '../src/seed.js';
import { mockUrl } from '../src/vitest.js';
import { keyExample, keyMediaType, responseExample, spec } from './spec-examples.js';

const vendor = keyMediaType;
// Errors are application/json whatever the version, so a client wanting them must accept both.
const vendorAndJson = `${vendor}, application/json`;

function get(path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${mockUrl()}${path}`, { headers });
}

describe('the static mock from the global setup', () => {
  it('serves the spec example for the seeded key', async () => {
    const response = await get(seededKeyPath, { authorization: 'Bearer demo', accept: vendor });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(vendor);
    expect(await response.json()).toEqual(keyExample);
  });

  it('binds to loopback', () => {
    expect(new URL(mockUrl()).hostname).toBe('127.0.0.1');
  });

  it('accepts the envelope and pretty query parameters', async () => {
    const response = await get(`${seededKeyPath}?envelope=true&pretty=true`, {
      authorization: 'Bearer demo',
      accept: vendor,
    });
    expect(response.status).toBe(200);
    // Prism does not implement the envelope: it validates the flag and serves the plain example.
    expect(await response.json()).toEqual(keyExample);
  });

  it('rejects a query flag that is not a boolean', async () => {
    const response = await get(`${seededKeyPath}?envelope=yes`, {
      authorization: 'Bearer demo',
      accept: vendorAndJson,
    });
    expect(response.status).toBe(422);
  });

  it('rejects a groupId that is not 24 hex digits', async () => {
    const response = await get(
      '/api/atlas/v2/groups/not-hex/aiModelApiKeys/a86r5kwrfsk5r5ku5tgvhmpj',
      {
        authorization: 'Bearer demo',
        accept: vendorAndJson,
      },
    );
    expect([400, 422]).toContain(response.status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.stringify(await response.json())).toContain('groupid');
  });

  it('serves the 404 example for Prefer: code=404 when application/json is accepted', async () => {
    const response = await get(seededKeyPath, {
      authorization: 'Bearer demo',
      accept: vendorAndJson,
      prefer: 'code=404',
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(responseExample('notFound'));
  });

  it('falls back to 200 for Prefer: code=404 when only the vendor type is accepted', async () => {
    // Prism's documented quirk: no 404 body matches the Accept, so it picks the 200 silently.
    const response = await get(seededKeyPath, {
      authorization: 'Bearer demo',
      accept: vendor,
      prefer: 'code=404',
    });
    expect(response.status).toBe(200);
  });

  it('answers 401 with the spec example when Authorization is missing', async () => {
    const response = await get(seededKeyPath, { accept: vendorAndJson });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(responseExample('unauthorized'));
  });

  it('answers 406 to Accept: application/json alone', async () => {
    const response = await get(seededKeyPath, {
      authorization: 'Bearer demo',
      accept: 'application/json',
    });
    expect(response.status).toBe(406);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('generates a schema-shaped body for Prefer: dynamic=true', async () => {
    const response = await get(seededKeyPath, {
      authorization: 'Bearer demo',
      accept: vendor,
      prefer: 'dynamic=true',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).not.toEqual(keyExample);
    expect(typeof body.apiKeyId).toBe('string');
    expect(typeof body.endpoint).toBe('string');
  });
});

describe('the seeded key', () => {
  it("is the key and project of the spec's examples", () => {
    const parameters = spec.components as {
      parameters: { groupId: { schema: { example: string } } };
    };
    expect(seededGroupId).toBe(parameters.parameters.groupId.schema.example);
    expect(seededApiKeyId).toBe(keyExample.apiKeyId);
  });

  it('is fetched by a curl that asks for the media type the spec declares', () => {
    expect(seededCurl('http://127.0.0.1:4010')).toContain(`-H 'Accept: ${keyMediaType}'`);
  });
});
