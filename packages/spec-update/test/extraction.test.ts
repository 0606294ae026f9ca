import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cutFragment } from '../src/cut-fragment.js';
import { isObject, type JsonObject, operationsOf } from '../src/openapi.js';
import { parseDocument } from '../src/parse-document.js';
import { contentHash, recordProvenance } from '../src/provenance.js';
import { fixture } from './helpers/temp-repo.js';

const TAGS = ['AI Model API Keys'];

async function upstream(): Promise<JsonObject> {
  return parseDocument(await readFile(fixture('upstream.yaml'), 'utf8'), 'upstream.yaml');
}

function names(document: JsonObject, type: string): string[] {
  const components = isObject(document.components) ? document.components : {};
  const group = components[type];
  return isObject(group) ? Object.keys(group).sort() : [];
}

describe('cutting the fragment by tag', () => {
  it('keeps exactly the operations carrying the tag', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    expect(
      operationsOf(cut)
        .map(({ operation }) => operation.operationId)
        .sort(),
    ).toEqual([
      'createGroupAiModelApiKey',
      'deleteGroupAiModelApiKey',
      'getGroupAiModelApiKey',
      'getOrgAiModelApiKey',
      'listGroupAiModelApiKeys',
      'listOrgAiModelApiKeys',
      'updateGroupAiModelApiKey',
    ]);
  });

  it('keeps exactly the components those operations reach, transitively', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    expect(names(cut, 'schemas')).toEqual([
      'AiModelApiKeyCreateRequest',
      'AiModelApiKeyResponse',
      'AiModelApiKeyUpdateRequest',
      'ApiError',
      'BadRequestDetail',
      'FieldViolation',
      'Link',
      'PaginatedAtlasAiModelApiKeysResponse',
    ]);
    expect(names(cut, 'parameters')).toEqual([
      'envelope',
      'groupId',
      'itemsPerPage',
      'orgId',
      'pageNum',
      'pretty',
    ]);
    expect(names(cut, 'responses')).toEqual([
      'badRequest',
      'notFound',
      'tooManyRequests',
      'unauthorized',
    ]);
    // Retry-After is reached only through the shared tooManyRequests response.
    expect(names(cut, 'headers')).toEqual([
      'HeaderRateLimitLimit',
      'HeaderRateLimitRemaining',
      'HeaderRetryAfter',
    ]);
    expect(names(cut, 'securitySchemes')).toEqual(['DigestAuth', 'ServiceAccounts']);
  });

  it('keeps a component an unrelated operation shares, and drops what only it reaches', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    // Link is shared with the rate-limit operations; AiModelRateLimitResponse, conflict and
    // clusterName are reached only by operations of other tags, ClusterNode only through a
    // reference cycle.
    expect(names(cut, 'schemas')).toContain('Link');
    expect(names(cut, 'schemas')).not.toContain('AiModelRateLimitResponse');
    expect(names(cut, 'schemas')).not.toContain('ClusterNode');
    expect(names(cut, 'schemas')).not.toContain('ClusterNodeChild');
    expect(names(cut, 'responses')).not.toContain('conflict');
    expect(names(cut, 'parameters')).not.toContain('clusterName');
  });

  it('keeps only its own tag definition and the security schemes requirements name', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    expect((cut.tags as JsonObject[]).map((tag) => tag.name)).toEqual(['AI Model API Keys']);
    expect(names(cut, 'securitySchemes')).not.toContain('LegacyKey');
    // OAuth flows need their (empty) scopes map.
    expect(cut.components).toMatchObject({
      securitySchemes: { ServiceAccounts: { flows: { clientCredentials: { scopes: {} } } } },
    });
  });

  it('keeps vendor extensions and every media type as upstream defines them', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    const list = (cut.paths as JsonObject)[
      '/api/atlas/v2/groups/{groupId}/aiModelApiKeys'
    ] as JsonObject;
    const get = list.get as JsonObject;
    expect(get['x-xgen-operation-id-override']).toBe('listGroupModelKeys');
    expect(get['x-rolesRequirements']).toEqual(['Project Read Only']);
    const content = ((get.responses as JsonObject)['200'] as JsonObject).content as JsonObject;
    expect(Object.keys(content)).toEqual([
      'application/vnd.atlas.2024-05-30+json',
      'application/vnd.atlas.2025-03-12+json',
    ]);
    expect(content['application/vnd.atlas.2025-03-12+json']).toMatchObject({
      'x-xgen-version': '2025-03-12',
    });
  });

  it('leaves every $ref pointing at a component it kept', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    const refs = JSON.stringify(cut).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const [, , type, name] = (JSON.parse(`{${ref}}`) as { $ref: string }).$ref.split('/');
      expect(names(cut, type ?? '')).toContain(name);
    }
  });
});

describe('recording where the fragment came from', () => {
  it('records the source and the hash of what was taken, and drops upstream commit id', async () => {
    const cut = await cutFragment(await upstream(), TAGS, 'upstream.yaml');
    const fragment = recordProvenance(cut, 'upstream.yaml');
    const info = fragment.info as JsonObject;
    expect(info['x-upstream-source']).toBe('upstream.yaml');
    expect(info['x-upstream-sha256']).toMatch(/^[a-f0-9]{64}$/);
    expect(info).not.toHaveProperty('x-xgen-sha');
  });

  it('hashes alike when only unrelated operations, or upstream commit id, changed', async () => {
    const first = await upstream();
    const second = await upstream();
    (second.info as JsonObject)['x-xgen-sha'] = 'another';
    const rateLimits = (second.paths as JsonObject)[
      '/api/atlas/v2/groups/{groupId}/aiModelApiRateLimits'
    ] as { get: JsonObject };
    rateLimits.get.summary = 'Changed upstream';
    const hash = async (document: JsonObject) =>
      (recordProvenance(await cutFragment(document, TAGS, 'x'), 'x').info as JsonObject)[
        'x-upstream-sha256'
      ];
    expect(await hash(second)).toBe(await hash(first));
  });

  it('hashes differently when one of our operations changed', async () => {
    const first = await cutFragment(await upstream(), TAGS, 'x');
    const changed = structuredClone(first);
    const schemas = (changed.components as JsonObject).schemas as JsonObject;
    (schemas.AiModelApiKeyResponse as { properties: JsonObject }).properties.cloud = {
      type: 'string',
    };
    expect(contentHash(changed)).not.toBe(contentHash(first));
  });
});

describe('reading the upstream document', () => {
  it('reads JSON as well as YAML', async () => {
    const yaml = parse(await readFile(fixture('upstream.yaml'), 'utf8')) as JsonObject;
    const fromJson = parseDocument(JSON.stringify(yaml), 'upstream.json');
    expect(fromJson).toEqual(yaml);
  });
});
