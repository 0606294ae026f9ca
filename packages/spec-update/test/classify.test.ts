import { describe, expect, it } from 'vitest';
import { type Change, type ChangeClass, overallClass } from '../src/classify/change.js';
import { classifyChanges } from '../src/classify/classify.js';
import type { JsonObject } from '../src/openapi.js';

const V1 = 'application/vnd.atlas.2025-03-12+json';
const V2 = 'application/vnd.atlas.2026-01-01+json';
const PREVIEW = 'application/vnd.atlas.preview+json';

type Doc = JsonObject & {
  paths: Record<string, Record<string, JsonObject & { parameters: JsonObject[] }>>;
  components: { schemas: Record<string, JsonObject & { properties: Record<string, JsonObject> }> };
};

/**
 * A fragment with one read (GET, whose response is `Key`) and one write (PATCH, whose request
 * body is `Req` and response `Key`), so every rule can be tried in both directions.
 */
function base(): Doc {
  const body = (schema: string, type = V1) => ({
    content: { [type]: { schema: { $ref: `#/components/schemas/${schema}` } } },
  });
  return {
    openapi: '3.0.1',
    info: { title: 'fixture', version: '1' },
    security: [{ ServiceAccounts: [] }, { DigestAuth: [] }],
    paths: {
      '/keys/{id}': {
        get: {
          operationId: 'getKey',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'pretty', in: 'query', schema: { type: 'boolean' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
          responses: {
            '200': {
              description: 'OK',
              headers: { 'RateLimit-Limit': { schema: { type: 'integer' } } },
              ...body('Key'),
            },
            '404': { description: 'Not Found', ...body('ApiError', 'application/json') },
          },
        },
        patch: {
          operationId: 'updateKey',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...body('Req') },
          responses: { '200': { description: 'OK', ...body('Key') } },
        },
      },
    },
    components: {
      schemas: {
        Key: {
          type: 'object',
          required: ['id', 'status'],
          properties: {
            id: { type: 'string', readOnly: true },
            status: { type: 'string', enum: ['ACTIVE', 'REVOKED'] },
            lastUsedAt: { type: 'string' },
            count: { type: 'integer', maximum: 10 },
            name: { type: 'string', maxLength: 250, description: 'A name.' },
          },
        },
        Req: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 250 },
            cloud: { type: 'string', enum: ['ANY', 'AWS'] },
            note: { type: 'string' },
            code: { type: 'string' },
            size: { type: 'integer', minimum: 1, maximum: 10 },
          },
        },
        ApiError: {
          type: 'object',
          properties: { errorCode: { type: 'string' }, detail: { type: 'string' } },
        },
      },
    },
  };
}

const key = (d: Doc) => d.components.schemas.Key as Doc['components']['schemas'][string];
const req = (d: Doc) => d.components.schemas.Req as Doc['components']['schemas'][string];
const prop = (schema: { properties: Record<string, JsonObject> }, name: string) =>
  schema.properties[name] as JsonObject;
const get = (d: Doc) => d.paths['/keys/{id}']?.get as Doc['paths'][string][string];
const patch = (d: Doc) => d.paths['/keys/{id}']?.patch as Doc['paths'][string][string];

/** Classifies `base()` against a copy changed by `change`. */
function classify(change: (after: Doc) => void, before: (doc: Doc) => void = () => {}): Change[] {
  const old = base();
  before(old);
  const now = base();
  before(now);
  change(now);
  return classifyChanges(old, now);
}

type Case = [name: string, change: (after: Doc) => void, want: ChangeClass, what: RegExp];

/** Each rule, with the same kind of change tried in the other direction where it applies. */
const cases: Case[] = [
  // operations
  [
    'an operation removed is breaking',
    (d) => delete d.paths['/keys/{id}']?.patch,
    'breaking',
    /operation updateKey removed/,
  ],
  [
    'an operation added is a feature',
    (d) => {
      (d.paths['/keys/{id}'] as JsonObject).delete = {
        operationId: 'deleteKey',
        responses: { '204': { description: 'No Content' } },
      };
    },
    'feature',
    /operation deleteKey added \(DELETE \/keys\/\{id\}\)/,
  ],
  [
    'a renamed operationId is breaking',
    (d) => {
      get(d).operationId = 'getOneKey';
    },
    'breaking',
    /operationId getKey renamed getOneKey/,
  ],
  // parameters (what we send)
  [
    'a parameter removed is breaking',
    (d) => get(d).parameters.splice(1, 1),
    'breaking',
    /parameter pretty \(query\) removed/,
  ],
  [
    'an optional parameter added is a feature',
    (d) => get(d).parameters.push({ name: 'envelope', in: 'query', schema: { type: 'boolean' } }),
    'feature',
    /optional parameter envelope \(query\) added/,
  ],
  [
    'a required parameter added is breaking',
    (d) =>
      get(d).parameters.push({
        name: 'envelope',
        in: 'query',
        required: true,
        schema: { type: 'boolean' },
      }),
    'breaking',
    /required parameter envelope \(query\) added/,
  ],
  [
    'a parameter newly required is breaking',
    (d) => {
      (get(d).parameters[1] as JsonObject).required = true;
    },
    'breaking',
    /parameter pretty \(query\) now required/,
  ],
  [
    'a parameter range tightened is breaking',
    (d) => {
      ((get(d).parameters[2] as JsonObject).schema as JsonObject).maximum = 100;
    },
    'breaking',
    /request field parameter limit \(query\) maximum changed from 500 to 100/,
  ],
  [
    'a parameter range relaxed is a fix',
    (d) => {
      ((get(d).parameters[2] as JsonObject).schema as JsonObject).maximum = 1000;
    },
    'fix',
    /maximum changed from 500 to 1000/,
  ],
  [
    'a parameter pattern added is breaking',
    (d) => {
      ((get(d).parameters[0] as JsonObject).schema as JsonObject).pattern = '^[a-f0-9]{24}$';
    },
    'breaking',
    /parameter id \(path\) pattern set to/,
  ],
  // media types (versions), each way
  [
    'a response version removed is breaking',
    (d) => {
      const content = (get(d).responses as JsonObject)['200'] as { content: JsonObject };
      content.content = { [V2]: content.content[V1] };
    },
    'breaking',
    /response version 2025-03-12 removed/,
  ],
  [
    'a response version added is a feature',
    (d) => {
      const content = (get(d).responses as JsonObject)['200'] as { content: JsonObject };
      content.content[V2] = content.content[V1];
    },
    'feature',
    /response version 2026-01-01 added/,
  ],
  [
    'a request version removed is breaking',
    (d) => {
      const body = patch(d).requestBody as { content: JsonObject };
      body.content = { [V2]: body.content[V1] };
    },
    'breaking',
    /request version 2025-03-12 removed/,
  ],
  [
    'a request version added is a feature',
    (d) => {
      const body = patch(d).requestBody as { content: JsonObject };
      body.content[V2] = body.content[V1];
    },
    'feature',
    /request version 2026-01-01 added/,
  ],
  // fields, each way
  [
    'a response field removed is breaking',
    (d) => delete key(d).properties.lastUsedAt,
    'breaking',
    /response field Key.lastUsedAt removed/,
  ],
  [
    'a request field removed is breaking',
    (d) => delete req(d).properties.note,
    'breaking',
    /request field Req.note removed/,
  ],
  [
    'a response field added is a feature',
    (d) => {
      key(d).properties.endpoint = { type: 'string' };
    },
    'feature',
    /response field Key.endpoint added/,
  ],
  [
    'an optional request field added is a feature',
    (d) => {
      req(d).properties.geography = { type: 'string' };
    },
    'feature',
    /optional request field Req.geography added/,
  ],
  [
    'a required request field added is breaking',
    (d) => {
      req(d).properties.geography = { type: 'string' };
      (req(d).required as string[]).push('geography');
    },
    'breaking',
    /request field Req.geography added as required/,
  ],
  [
    'a request field newly required is breaking',
    (d) => (req(d).required as string[]).push('note'),
    'breaking',
    /request field Req.note now required/,
  ],
  [
    'a request field no longer required is a fix',
    (d) => {
      req(d).required = [];
    },
    'fix',
    /request field Req.name now optional/,
  ],
  [
    'a response field no longer required is breaking',
    (d) => {
      key(d).required = ['id'];
    },
    'breaking',
    /response field Key.status now optional/,
  ],
  [
    'a response field newly required is a fix',
    (d) => (key(d).required as string[]).push('lastUsedAt'),
    'fix',
    /response field Key.lastUsedAt now always present/,
  ],
  [
    'a read-only field added to a request schema changes nothing',
    (d) => {
      req(d).properties.id = { type: 'string', readOnly: true };
    },
    'none',
    /request field Req.id added \(read-only\)/,
  ],
  // enums, each way
  [
    'a response enum value added is breaking',
    (d) => (prop(key(d), 'status').enum as string[]).push('EXPIRED'),
    'breaking',
    /response field Key.status enum gains EXPIRED/,
  ],
  [
    'a response enum value removed is breaking',
    (d) => (prop(key(d), 'status').enum as string[]).pop(),
    'breaking',
    /response field Key.status enum loses REVOKED/,
  ],
  [
    'a request enum value removed is breaking',
    (d) => (prop(req(d), 'cloud').enum as string[]).pop(),
    'breaking',
    /request field Req.cloud enum loses AWS/,
  ],
  [
    'a request enum value added is a fix',
    (d) => (prop(req(d), 'cloud').enum as string[]).push('GCP'),
    'fix',
    /request field Req.cloud enum gains GCP/,
  ],
  [
    'a request enum introduced is breaking',
    (d) => {
      prop(req(d), 'code').enum = ['A'];
    },
    'breaking',
    /request field Req.code limited to/,
  ],
  // types, each way
  [
    'a response type changed is breaking',
    (d) => {
      prop(key(d), 'count').type = 'string';
    },
    'breaking',
    /response field Key.count type changed from integer to string/,
  ],
  [
    'a request type changed is breaking',
    (d) => {
      prop(req(d), 'size').type = 'string';
    },
    'breaking',
    /request field Req.size type changed from integer to string/,
  ],
  // nullable, each way
  [
    'a response field becoming nullable is breaking',
    (d) => {
      prop(key(d), 'lastUsedAt').nullable = true;
    },
    'breaking',
    /response field Key.lastUsedAt may now be null/,
  ],
  [
    'a request field becoming nullable is a fix',
    (d) => {
      prop(req(d), 'note').nullable = true;
    },
    'fix',
    /request field Req.note now accepts null/,
  ],
  [
    'a nullable flag restated as false changes nothing',
    (d) => {
      prop(key(d), 'lastUsedAt').nullable = false;
    },
    'none',
    /nullable flag restated/,
  ],
  // constraints, each way
  [
    'a request pattern added is breaking',
    (d) => {
      prop(req(d), 'code').pattern = '^[A-Z]+$';
    },
    'breaking',
    /request field Req.code pattern set to/,
  ],
  [
    'a request maxLength lowered is breaking',
    (d) => {
      prop(req(d), 'name').maxLength = 100;
    },
    'breaking',
    /maxLength changed from 250 to 100/,
  ],
  [
    'a request minLength raised is breaking',
    (d) => {
      prop(req(d), 'name').minLength = 3;
    },
    'breaking',
    /minLength changed from 1 to 3/,
  ],
  [
    'a request maximum lowered is breaking',
    (d) => {
      prop(req(d), 'size').maximum = 5;
    },
    'breaking',
    /maximum changed from 10 to 5/,
  ],
  [
    'a request minimum raised is breaking',
    (d) => {
      prop(req(d), 'size').minimum = 2;
    },
    'breaking',
    /minimum changed from 1 to 2/,
  ],
  [
    'a request maxLength raised is a fix',
    (d) => {
      prop(req(d), 'name').maxLength = 500;
    },
    'fix',
    /maxLength changed from 250 to 500/,
  ],
  [
    'a request minLength dropped is a fix',
    (d) => delete prop(req(d), 'name').minLength,
    'fix',
    /minLength 1 dropped/,
  ],
  [
    'a request minimum lowered is a fix',
    (d) => {
      prop(req(d), 'size').minimum = 0;
    },
    'fix',
    /minimum changed from 1 to 0/,
  ],
  [
    'a response maxLength lowered is a fix',
    (d) => {
      prop(key(d), 'name').maxLength = 100;
    },
    'fix',
    /response field Key.name maxLength/,
  ],
  [
    'a response maximum raised is a fix',
    (d) => {
      prop(key(d), 'count').maximum = 100;
    },
    'fix',
    /response field Key.count maximum/,
  ],
  // responses and headers
  [
    'a response status removed is breaking',
    (d) => delete (get(d).responses as JsonObject)['404'],
    'breaking',
    /response 404 removed/,
  ],
  [
    'a response status added is a feature',
    (d) => {
      (get(d).responses as JsonObject)['429'] = { description: 'Too Many Requests' };
    },
    'feature',
    /response 429 added/,
  ],
  [
    'a response header removed is breaking',
    (d) => {
      ((get(d).responses as JsonObject)['200'] as JsonObject).headers = {};
    },
    'breaking',
    /response header RateLimit-Limit removed/,
  ],
  [
    'a response header added is a feature',
    (d) => {
      (((get(d).responses as JsonObject)['200'] as JsonObject).headers as JsonObject)[
        'Retry-After'
      ] = {
        schema: { type: 'integer' },
      };
    },
    'feature',
    /response header Retry-After added/,
  ],
  // documentation and extensions
  [
    'a description changed is a fix',
    (d) => {
      prop(key(d), 'name').description = 'The name.';
    },
    'fix',
    /descriptions changed/,
  ],
  [
    'an example added is a fix',
    (d) => {
      prop(req(d), 'name').example = 'prod';
    },
    'fix',
    /examples changed/,
  ],
  [
    'a vendor extension changed changes nothing',
    (d) => {
      get(d)['x-xgen-docs-url'] = 'https://example.org';
    },
    'none',
    /vendor extensions/,
  ],
];

describe('classifying a spec change, each rule in its direction', () => {
  it.each(cases)('%s', (_name, change, want, what) => {
    const changes = classify(change);
    expect(overallClass(changes)).toBe(want);
    const line = changes.find((item) => what.test(item.what));
    expect(line, JSON.stringify(changes, null, 2)).toBeDefined();
    expect(line?.class).toBe(want);
  });

  it('reports nothing, and none as a whole, for the same fragment', () => {
    const changes = classify(() => {});
    expect(changes).toEqual([]);
    expect(overallClass(changes)).toBe('none');
  });

  it('names a shared schema once, with every operation that reaches it', () => {
    const changes = classify((d) => {
      prop(key(d), 'lastUsedAt').nullable = true;
    });
    const sites = changes
      .filter((item) => item.what.includes('lastUsedAt'))
      .map((item) => item.site);
    expect(sites.sort()).toEqual(['getKey 200', 'updateKey 200']);
  });
});

describe('classifying a change of version', () => {
  /** The seed-era move: preview replaced by a dated version, with the schema changed too. */
  const move = (d: Doc) => {
    const response = (get(d).responses as JsonObject)['200'] as { content: JsonObject };
    response.content = { [V1]: response.content[PREVIEW] };
    key(d).properties.endpoint = { type: 'string' };
    prop(key(d), 'lastUsedAt').nullable = true;
  };
  const preview = (d: Doc) => {
    const response = (get(d).responses as JsonObject)['200'] as { content: JsonObject };
    response.content = { [PREVIEW]: response.content[V1] };
  };

  it('reports the old version removed and the new one added', () => {
    const changes = classify(move, preview);
    expect(changes).toContainEqual(
      expect.objectContaining({
        class: 'breaking',
        what: 'response version preview removed',
        site: 'getKey 200',
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        class: 'feature',
        what: 'response version 2025-03-12 added',
        site: 'getKey 200',
      }),
    );
  });

  it('compares the schema of the old version with the new one, field by field', () => {
    const changes = classify(move, preview);
    const at = (what: string) =>
      changes.filter((item) => item.what === what).map((item) => item.site);
    expect(at('response field Key.endpoint added')).toContain('getKey 200');
    expect(at('response field Key.lastUsedAt may now be null')).toContain('getKey 200');
  });
});

describe('classifying a change of authentication', () => {
  it('is breaking when a way to authenticate is no longer accepted', () => {
    const changes = classify((d) => {
      d.security = [{ ServiceAccounts: [] }];
    });
    expect(overallClass(changes)).toBe('breaking');
    expect(changes).toContainEqual(
      expect.objectContaining({ what: 'authentication DigestAuth no longer accepted' }),
    );
  });

  it('is a feature when a way to authenticate is added', () => {
    const changes = classify((d) => {
      get(d).security = [{ ServiceAccounts: [] }, { DigestAuth: [] }, { ApiKey: [] }];
    });
    expect(changes).toContainEqual(
      expect.objectContaining({
        class: 'feature',
        what: 'authentication ApiKey accepted',
        site: 'getKey',
      }),
    );
  });

  it('reports nothing when only the order of the alternatives changes', () => {
    const changes = classify((d) => {
      d.security = [{ DigestAuth: [] }, { ServiceAccounts: [] }];
    });
    expect(changes).toEqual([]);
  });
});
