import { describe, expect, it } from 'vitest';
import { type Change, type ChangeClass, overallClass } from '../src/classify/change.js';
import { classifyChanges } from '../src/classify/classify.js';
import { schemaChanges } from '../src/classify/schema-rules.js';
import type { JsonObject } from '../src/openapi.js';

const V1 = 'application/vnd.atlas.2025-03-12+json';
const V2 = 'application/vnd.atlas.2026-01-01+json';
const PREVIEW = 'application/vnd.atlas.preview+json';

type Doc = JsonObject & {
  paths: Record<string, Record<string, JsonObject & { parameters: JsonObject[] }>>;
  components: {
    schemas: Record<string, JsonObject & { properties: Record<string, JsonObject> }>;
    securitySchemes?: JsonObject;
  };
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
      securitySchemes: {
        DigestAuth: { type: 'http', scheme: 'digest' },
        ServiceAccounts: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: 'https://example.org/token', scopes: {} } },
        },
      },
    },
  };
}

const key = (d: Doc) => d.components.schemas.Key as Doc['components']['schemas'][string];
const req = (d: Doc) => d.components.schemas.Req as Doc['components']['schemas'][string];
const prop = (schema: { properties: Record<string, JsonObject> }, name: string) =>
  schema.properties[name] as JsonObject;
const header = (d: Doc) =>
  ((get(d).responses as JsonObject)['200'] as { headers: Record<string, JsonObject> }).headers[
    'RateLimit-Limit'
  ] as JsonObject;
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

type Case = [
  name: string,
  change: (after: Doc) => void,
  want: ChangeClass,
  what: RegExp,
  /** A change made to both documents first, when the rule needs a starting point. */
  before?: (doc: Doc) => void,
];

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

/**
 * The rest of the rule table, each rule in both directions where it has two: together with
 * `cases`, every class a rule in `src/classify/` can give is asserted by one case here, so
 * changing any rule's class fails a test.
 */
const moreCases: Case[] = [
  // fields that never travel in one direction
  [
    'a write-only field added to a response schema changes nothing',
    (d) => {
      key(d).properties.token = { type: 'string', writeOnly: true };
    },
    'none',
    /response field Key.token added \(write-only\)/,
  ],
  // enums introduced and dropped, each way
  [
    'a request enum dropped is a fix',
    (d) => delete prop(req(d), 'cloud').enum,
    'fix',
    /request field Req.cloud no longer limited to \["ANY","AWS"\]/,
  ],
  [
    'a response enum introduced is a fix',
    (d) => {
      prop(key(d), 'name').enum = ['a', 'b'];
    },
    'fix',
    /response field Key.name documented as one of/,
  ],
  [
    'a response enum dropped is breaking',
    (d) => delete prop(key(d), 'status').enum,
    'breaking',
    /response field Key.status no longer limited to/,
  ],
  // nullable, the other way
  [
    'a response field no longer nullable is a fix',
    (d) => delete prop(key(d), 'lastUsedAt').nullable,
    'fix',
    /response field Key.lastUsedAt is no longer null/,
    (d) => {
      prop(key(d), 'lastUsedAt').nullable = true;
    },
  ],
  [
    'a request field no longer nullable is breaking',
    (d) => delete prop(req(d), 'note').nullable,
    'breaking',
    /request field Req.note no longer accepts null/,
    (d) => {
      prop(req(d), 'note').nullable = true;
    },
  ],
  // format, each way
  [
    'a format changed is breaking',
    (d) => {
      prop(key(d), 'lastUsedAt').format = 'date';
    },
    'breaking',
    /response field Key.lastUsedAt format changed from date-time to date/,
    (d) => {
      prop(key(d), 'lastUsedAt').format = 'date-time';
    },
  ],
  [
    'a request format changed is breaking',
    (d) => {
      prop(req(d), 'code').format = 'uuid';
    },
    'breaking',
    /request field Req.code format changed from email to uuid/,
    (d) => {
      prop(req(d), 'code').format = 'email';
    },
  ],
  [
    'a request format set is breaking',
    (d) => {
      prop(req(d), 'code').format = 'uuid';
    },
    'breaking',
    /request field Req.code format set to uuid/,
  ],
  [
    'a request format dropped is a fix',
    (d) => delete prop(req(d), 'code').format,
    'fix',
    /request field Req.code format email no longer documented/,
    (d) => {
      prop(req(d), 'code').format = 'email';
    },
  ],
  [
    'a response format dropped is a fix',
    (d) => delete prop(key(d), 'lastUsedAt').format,
    'fix',
    /response field Key.lastUsedAt format date-time no longer documented/,
    (d) => {
      prop(key(d), 'lastUsedAt').format = 'date-time';
    },
  ],
  [
    'a response format set is a fix',
    (d) => {
      prop(key(d), 'lastUsedAt').format = 'date-time';
    },
    'fix',
    /response field Key.lastUsedAt format set to date-time/,
  ],
  // type set and dropped, each way
  [
    'a request type set is breaking',
    (d) => {
      prop(req(d), 'code').type = 'string';
    },
    'breaking',
    /request field Req.code type set to string/,
    (d) => delete prop(req(d), 'code').type,
  ],
  [
    'a request type dropped is a fix',
    (d) => delete prop(req(d), 'code').type,
    'fix',
    /request field Req.code type string dropped/,
  ],
  [
    'a response type set is a fix',
    (d) => {
      prop(key(d), 'lastUsedAt').type = 'string';
    },
    'fix',
    /response field Key.lastUsedAt type set to string/,
    (d) => delete prop(key(d), 'lastUsedAt').type,
  ],
  [
    'a response type dropped is breaking',
    (d) => delete prop(key(d), 'count').type,
    'breaking',
    /response field Key.count type integer dropped/,
  ],
  // a restriction dropped
  [
    'a request pattern dropped is a fix',
    (d) => delete prop(req(d), 'code').pattern,
    'fix',
    /request field Req.code pattern \^\[A-Z\]\+\$ dropped/,
    (d) => {
      prop(req(d), 'code').pattern = '^[A-Z]+$';
    },
  ],
  // readOnly and writeOnly, each way
  [
    'a request field becoming read-only is breaking',
    (d) => {
      prop(req(d), 'note').readOnly = true;
    },
    'breaking',
    /request field Req.note became read-only/,
  ],
  [
    'a request field no longer read-only is a feature',
    (d) => delete prop(req(d), 'note').readOnly,
    'feature',
    /request field Req.note is no longer read-only/,
    (d) => {
      prop(req(d), 'note').readOnly = true;
    },
  ],
  [
    'a response field becoming write-only is breaking',
    (d) => {
      prop(key(d), 'name').writeOnly = true;
    },
    'breaking',
    /response field Key.name became write-only/,
  ],
  [
    'a response field no longer write-only is a feature',
    (d) => delete prop(key(d), 'name').writeOnly,
    'feature',
    /response field Key.name is no longer write-only/,
    (d) => {
      prop(key(d), 'name').writeOnly = true;
    },
  ],
  [
    'a readOnly flag in a response changes nothing',
    (d) => {
      prop(key(d), 'name').readOnly = true;
    },
    'none',
    /readOnly flags changed where they have no effect/,
  ],
  // defaults
  [
    'a request field default changed is breaking',
    (d) => {
      prop(req(d), 'size').default = 5;
    },
    'breaking',
    /request field Req.size default 1 → 5/,
    (d) => {
      prop(req(d), 'size').default = 1;
    },
  ],
  [
    'a request field default documented is a fix',
    (d) => {
      prop(req(d), 'size').default = 5;
    },
    'fix',
    /request field Req.size default undefined → 5/,
  ],
  [
    'a response field default changed is a fix',
    (d) => {
      prop(key(d), 'count').default = 5;
    },
    'fix',
    /response field Key.count default 1 → 5/,
    (d) => {
      prop(key(d), 'count').default = 1;
    },
  ],
  // declared client defaults (x-client-default)
  [
    'a declared default added to a request field is a feature',
    (d) => {
      prop(req(d), 'cloud')['x-client-default'] = 'ANY';
    },
    'feature',
    /request field Req.cloud defaults to ANY/,
  ],
  [
    'a declared default dropped from a request field is breaking',
    (d) => delete prop(req(d), 'cloud')['x-client-default'],
    'breaking',
    /request field Req.cloud default ANY dropped/,
    (d) => {
      prop(req(d), 'cloud')['x-client-default'] = 'ANY';
    },
  ],
  [
    'a declared default changed is breaking',
    (d) => {
      prop(req(d), 'cloud')['x-client-default'] = 'AWS';
    },
    'breaking',
    /request field Req.cloud default changed from ANY to AWS/,
    (d) => {
      prop(req(d), 'cloud')['x-client-default'] = 'ANY';
    },
  ],
  [
    'a declared default added to a parameter is a feature',
    (d) => {
      (get(d).parameters[1] as JsonObject)['x-client-default'] = true;
    },
    'feature',
    /parameter pretty \(query\) defaults to true/,
  ],
  [
    'a declared default dropped from a parameter is breaking',
    (d) => delete (get(d).parameters[1] as JsonObject)['x-client-default'],
    'breaking',
    /parameter pretty \(query\) default true dropped/,
    (d) => {
      (get(d).parameters[1] as JsonObject)['x-client-default'] = true;
    },
  ],
  [
    'a declared default on a response field is only a vendor extension',
    (d) => {
      prop(key(d), 'name')['x-client-default'] = 'x';
    },
    'none',
    /vendor extensions/,
  ],
  // deprecation
  [
    'a field deprecated is a fix',
    (d) => {
      prop(req(d), 'note').deprecated = true;
    },
    'fix',
    /request field Req.note deprecated/,
  ],
  [
    'an operation deprecated is a fix',
    (d) => {
      get(d).deprecated = true;
    },
    'fix',
    /operation deprecated/,
  ],
  [
    'a parameter deprecated is a fix',
    (d) => {
      (get(d).parameters[1] as JsonObject).deprecated = true;
    },
    'fix',
    /parameter pretty \(query\) deprecated/,
  ],
  [
    'a field no longer deprecated is a fix',
    (d) => delete prop(req(d), 'note').deprecated,
    'fix',
    /request field Req.note no longer deprecated/,
    (d) => {
      prop(req(d), 'note').deprecated = true;
    },
  ],
  [
    'an operation no longer deprecated is a fix',
    (d) => delete get(d).deprecated,
    'fix',
    /operation no longer deprecated/,
    (d) => {
      get(d).deprecated = true;
    },
  ],
  [
    'a parameter no longer deprecated is a fix',
    (d) => delete (get(d).parameters[1] as JsonObject).deprecated,
    'fix',
    /parameter pretty \(query\) no longer deprecated/,
    (d) => {
      (get(d).parameters[1] as JsonObject).deprecated = true;
    },
  ],
  // fields that never travel in one direction, removed
  [
    'a read-only field removed from a request schema changes nothing',
    (d) => delete req(d).properties.id,
    'none',
    /request field Req.id removed \(read-only\)/,
    (d) => {
      req(d).properties.id = { type: 'string', readOnly: true };
    },
  ],
  [
    'a write-only field removed from a response schema changes nothing',
    (d) => delete key(d).properties.token,
    'none',
    /response field Key.token removed \(write-only\)/,
    (d) => {
      key(d).properties.token = { type: 'string', writeOnly: true };
    },
  ],
  // documentation of every kind
  [
    'a title changed is a fix',
    (d) => {
      key(d).title = 'A key';
    },
    'fix',
    /^titles changed$/,
  ],
  [
    'external docs changed is a fix',
    (d) => {
      prop(key(d), 'name').externalDocs = { url: 'https://example.org/names' };
    },
    'fix',
    /^external documentation links changed$/,
  ],
  // additional properties, each way
  [
    'a request schema refusing additional properties is breaking',
    (d) => {
      req(d).additionalProperties = false;
    },
    'breaking',
    /request field Req refuses additional properties/,
  ],
  [
    'a request schema allowing additional properties again is a fix',
    (d) => delete req(d).additionalProperties,
    'fix',
    /request field Req additional properties allowed/,
    (d) => {
      req(d).additionalProperties = false;
    },
  ],
  [
    'a response schema refusing additional properties is a fix',
    (d) => {
      key(d).additionalProperties = false;
    },
    'fix',
    /response field Key additional properties refused/,
  ],
  [
    'a response schema allowing additional properties again is a fix',
    (d) => delete key(d).additionalProperties,
    'fix',
    /response field Key additional properties allowed/,
    (d) => {
      key(d).additionalProperties = false;
    },
  ],
  [
    'additional properties allowed in so many words changes nothing',
    (d) => {
      req(d).additionalProperties = true;
    },
    'none',
    /request field Req additional properties restated/,
  ],
  // parameters, the rest
  [
    'a parameter no longer required is a fix',
    (d) => delete (get(d).parameters[1] as JsonObject).required,
    'fix',
    /parameter pretty \(query\) now optional/,
    (d) => {
      (get(d).parameters[1] as JsonObject).required = true;
    },
  ],
  [
    'a parameter serialized differently is breaking',
    (d) => {
      (get(d).parameters[1] as JsonObject).style = 'deepObject';
    },
    'breaking',
    /parameter pretty \(query\) serialization changed \(style\)/,
  ],
  [
    'a parameter description changed is a fix',
    (d) => {
      (get(d).parameters[1] as JsonObject).description = 'Pretty.';
    },
    'fix',
    /descriptions changed/,
  ],
  // request bodies
  [
    'a required request body added is breaking',
    (d) => {
      get(d).requestBody = {
        required: true,
        content: { [V1]: { schema: { $ref: '#/components/schemas/Req' } } },
      };
    },
    'breaking',
    /required request body added/,
  ],
  [
    'an optional request body added is a feature',
    (d) => {
      get(d).requestBody = { content: { [V1]: { schema: { $ref: '#/components/schemas/Req' } } } };
    },
    'feature',
    /optional request body added/,
  ],
  [
    'a request body removed is breaking',
    (d) => delete patch(d).requestBody,
    'breaking',
    /request body removed/,
  ],
  [
    'a request body no longer required is a fix',
    (d) => {
      (patch(d).requestBody as JsonObject).required = false;
    },
    'fix',
    /request body now optional/,
  ],
  [
    'a request body newly required is breaking',
    (d) => {
      (patch(d).requestBody as JsonObject).required = true;
    },
    'breaking',
    /request body now required/,
    (d) => {
      (patch(d).requestBody as JsonObject).required = false;
    },
  ],
  // response headers, the rest
  [
    'a response header newly required is a fix',
    (d) => {
      header(d).required = true;
    },
    'fix',
    /response header RateLimit-Limit now always sent/,
  ],
  [
    'a response header no longer required is breaking',
    (d) => {
      header(d).required = false;
    },
    'breaking',
    /response header RateLimit-Limit now optional/,
    (d) => {
      header(d).required = true;
    },
  ],
  [
    'a response header type changed is breaking',
    (d) => {
      (header(d).schema as JsonObject).type = 'string';
    },
    'breaking',
    /response field header RateLimit-Limit type changed from integer to string/,
  ],
  // operations and the document
  [
    'an operation summary changed is a fix',
    (d) => {
      get(d).summary = 'Get one key';
    },
    'fix',
    /summaries changed/,
  ],
  [
    'operation tags changed change nothing',
    (d) => {
      get(d).tags = ['Keys'];
    },
    'none',
    /operation tags changed/,
  ],
  [
    'operation servers changed are a fix',
    (d) => {
      get(d).servers = [{ url: 'https://example.org' }];
    },
    'fix',
    /operation servers changed/,
  ],
  [
    'document servers changed are a fix',
    (d) => {
      d.servers = [{ url: 'https://example.org' }];
    },
    'fix',
    /^servers changed$/,
  ],
  [
    'a security scheme changed is breaking',
    (d) => {
      ((d.components as JsonObject).securitySchemes as JsonObject).DigestAuth = {
        type: 'http',
        scheme: 'basic',
      };
    },
    'breaking',
    /security scheme DigestAuth changed \(scheme\)/,
  ],
  [
    'document metadata changed changes nothing',
    (d) => {
      (d.info as JsonObject).version = '2';
    },
    'none',
    /document metadata changed/,
  ],
  // the client's resource groups (x-client-resource) and method names (x-client-method)
  [
    'a tag with a resource group added is a feature',
    (d) => {
      d.tags = [{ name: 'Keys', 'x-client-resource': 'keys' }];
    },
    'feature',
    /client resource group keys added/,
  ],
  [
    'a resource group declared on a tag is a feature',
    (d) => {
      (d.tags as JsonObject[])[0] = { name: 'Keys', 'x-client-resource': 'keys' };
    },
    'feature',
    /client resource group keys added/,
    (d) => {
      d.tags = [{ name: 'Keys' }];
    },
  ],
  [
    'a resource group renamed is breaking',
    (d) => {
      ((d.tags as JsonObject[])[0] as JsonObject)['x-client-resource'] = 'apiKeys';
    },
    'breaking',
    /client resource group keys dropped/,
    (d) => {
      d.tags = [{ name: 'Keys', 'x-client-resource': 'keys' }];
    },
  ],
  [
    "a tag's other changes change nothing",
    (d) => {
      ((d.tags as JsonObject[])[0] as JsonObject).description = 'Keys for models.';
    },
    'none',
    /document metadata changed/,
    (d) => {
      d.tags = [{ name: 'Keys', 'x-client-resource': 'keys' }];
    },
  ],
  [
    'a method name declared on an operation is breaking',
    (d) => {
      get(d)['x-client-method'] = 'fetch';
    },
    'breaking',
    /client method renamed from the naming rule's to fetch/,
  ],
  [
    'a declared method name dropped is breaking',
    (d) => delete get(d)['x-client-method'],
    'breaking',
    /client method renamed from fetch to the naming rule's/,
    (d) => {
      get(d)['x-client-method'] = 'fetch';
    },
  ],
];

describe('classifying a spec change, each rule in its direction', () => {
  it.each([...cases, ...moreCases])('%s', (_name, change, want, what, before) => {
    const changes = classify(change, before);
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

describe('classifying a schema that becomes an allOf', () => {
  it('compares the merged schema field by field, not as every field removed', () => {
    const changes = classify((d) => {
      d.components.schemas.KeyWithUse = {
        allOf: [
          { $ref: '#/components/schemas/Key' },
          { type: 'object', required: ['lastUsedAt'], properties: {} },
        ],
      } as never;
      const response = (get(d).responses as JsonObject)['200'] as { content: JsonObject };
      response.content = { [V1]: { schema: { $ref: '#/components/schemas/KeyWithUse' } } };
    });
    expect(changes.filter((item) => item.class === 'breaking')).toEqual([]);
    expect(changes).toContainEqual(
      expect.objectContaining({
        class: 'fix',
        what: 'response field KeyWithUse.lastUsedAt now always present',
        site: 'getKey 200',
      }),
    );
  });
});

describe('changes api-smart-diff does not report today, judged all the same', () => {
  // note: api-smart-diff compares enums as sets and bounds by value, so these reach the rules
  // only if it ever reports them; the rules must still call them no change.
  const at = (keyword: string, old: unknown, now: unknown) => {
    const before = base();
    const after = base();
    prop(req(before), 'size')[keyword] = old;
    prop(req(after), 'size')[keyword] = now;
    const root = { $ref: '#/components/schemas/Req' };
    return schemaChanges(
      {
        direction: 'request',
        site: 'updateKey request body',
        base: 'body',
        path: ['properties', 'size', keyword],
        roots: { before: root, after: root },
        action: 'replace',
        before: old,
        after: now,
      },
      { before, after },
    );
  };

  it('an enum with the same values in another order changes nothing', () => {
    expect(at('enum', [1, 2], [2, 1])).toEqual([
      expect.objectContaining({ class: 'none', what: 'request field Req.size enum reordered' }),
    ]);
  });

  it('a bound restated with the same value changes nothing', () => {
    expect(at('maximum', 10, 10)).toEqual([
      expect.objectContaining({ class: 'none', why: 'no effect' }),
    ]);
  });
});

describe('a change no rule covers', () => {
  it.each<[string, (d: Doc) => void, ChangeClass, string]>([
    [
      '`not` added to a request field',
      (d) => {
        prop(req(d), 'note').not = { enum: ['x'] };
      },
      'breaking',
      'breaking',
    ],
    [
      '`not` added to a response field',
      (d) => {
        prop(key(d), 'name').not = { enum: ['x'] };
      },
      'fix',
      'non-breaking',
    ],
    [
      'a response header deprecated',
      (d) => {
        header(d).deprecated = true;
      },
      'fix',
      'deprecated',
    ],
    [
      'a callback added',
      (d) => {
        get(d).callbacks = { onRotate: {} };
      },
      'fix',
      'annotation',
    ],
  ])("takes api-smart-diff's class for %s and says so", (_, change, want, theirs) => {
    const changes = classify(change);
    expect(changes.map((item) => [item.class, item.why])).toContainEqual([
      want,
      `no rule here covers it; api-smart-diff calls it ${theirs}`,
    ]);
  });

  it("takes api-smart-diff's class for an xml change and says so", () => {
    const changes = classify((d) => {
      prop(key(d), 'name').xml = { name: 'keyName' };
    });
    expect(changes.map((item) => [item.class, item.why, item.site])).toEqual([
      ['none', 'no rule here covers it; api-smart-diff calls it unclassified', 'getKey 200'],
      ['none', 'no rule here covers it; api-smart-diff calls it unclassified', 'updateKey 200'],
    ]);
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
