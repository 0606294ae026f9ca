import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  GenerationError,
  operationTable,
  renderOperationTable,
} from '../scripts/operation-table.mjs';

const MEDIA_TYPE = 'application/vnd.atlas.2025-03-12+json';

/** The tag every operation of the specs below carries, with its resource group. */
const TAGS = [{ name: 'Things', 'x-client-resource': 'things' }];

/** A one-operation spec whose operationId, path and parameter names are given. */
function specWith({
  operationId = 'getThing',
  path = '/api/atlas/v2/groups/{groupId}/things/{thingId}',
  pathParameter = 'thingId',
  queryParameter = 'pretty',
  bodyField = 'name',
} = {}) {
  return {
    openapi: '3.0.1',
    tags: TAGS,
    paths: {
      [path]: {
        patch: {
          operationId,
          tags: ['Things'],
          parameters: [
            { name: pathParameter, in: 'path', required: true, schema: { type: 'string' } },
            { name: queryParameter, in: 'query', schema: { type: 'boolean' } },
          ],
          requestBody: {
            content: {
              [MEDIA_TYPE]: {
                schema: { type: 'object', properties: { [bodyField]: { type: 'string' } } },
              },
            },
          },
          responses: {
            '200': { content: { [MEDIA_TYPE]: { schema: { type: 'object' } } } },
          },
        },
      },
    },
  };
}

/** Compiles the rendered table and evaluates it as a module, returning its exports. */
async function evaluate(source: string): Promise<Record<string, unknown>> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return import(`data:text/javascript,${encodeURIComponent(outputText)}`);
}

const INJECTION = 'x: 0, pwned: (globalThis.__pwned = "PWNED", 0), y';

describe('names from the spec', () => {
  it.each([
    ['an operationId with code in it', { operationId: INJECTION }, /operationId "x: 0, pwned/],
    ['an operationId of URL-safe characters', { operationId: 'get-thing.v2~1' }, /operationId/],
    ['a query parameter with code in it', { queryParameter: INJECTION }, /query parameter "x: 0/],
    ['a query parameter with a space', { queryParameter: 'page num' }, /query parameter/],
    [
      'a path parameter that is no identifier',
      { path: '/things/{thing-id}', pathParameter: 'thing-id' },
      /path placeholder "thing-id"/,
    ],
    ['a path placeholder with code in it', { path: '/things/{a}/{b"+1+"}' }, /path placeholder/],
    ['a body field with code in it', { bodyField: INJECTION }, /request body field "x: 0/],
    ['an operationId every object inherits', { operationId: '__proto__' }, /inherits/],
    ['a query parameter every object inherits', { queryParameter: 'constructor' }, /inherits/],
  ])('refuses %s, naming it', (_, names, message) => {
    expect(() => operationTable(specWith(names))).toThrow(GenerationError);
    expect(() => operationTable(specWith(names))).toThrow(message);
  });

  it('says where the refused name is and what a name may be', () => {
    expect(() => operationTable(specWith({ operationId: 'get thing' }))).toThrow(
      'operationId "get thing" of PATCH "/api/atlas/v2/groups/{groupId}/things/{thingId}" must be letters, digits and _, not starting with a digit',
    );
  });

  it('escapes control and bidi characters of a refused name in its message', () => {
    expect(() => operationTable(specWith({ operationId: 'a\u001b[2Jb\u202ec' }))).toThrow(
      'operationId "a\\u001b[2Jb\\u202ec"',
    );
  });

  it('accepts the names Atlas uses', () => {
    const table = operationTable(
      specWith({ operationId: 'updateGroupAiModelApiKey', queryParameter: 'itemsPerPage' }),
    );
    expect(Object.keys(table.operations)).toEqual(['updateGroupAiModelApiKey']);
    expect(Object.keys(table.parameters)).toEqual(['thingId', 'itemsPerPage']);
  });
});

describe('the rendered table', () => {
  it('holds upstream names only as string literals, so none runs as code', async () => {
    // note: a table built around the checks, as a later change to them might let through.
    const table = {
      operations: {
        [INJECTION]: { method: 'GET', path: '/things', status: 200, query: [INJECTION] },
      },
      parameters: { [INJECTION]: { type: 'string' } },
      secretFields: [INJECTION],
      versions: ['2025-03-12'],
    };
    const source = renderOperationTable(table);
    const module = await evaluate(source);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect(Object.keys(module.OPERATIONS as object)).toEqual([INJECTION]);
    expect(Object.keys(module.PARAMETERS as object)).toEqual([INJECTION]);
  });

  it('writes every character past ASCII as an escape, so the source reads as it runs', async () => {
    const path = '/things/\u202e}{\u200bx\u00e9';
    const table = {
      operations: { getThing: { method: 'GET', path, status: 200, query: [] } },
      parameters: {},
      secretFields: [],
      versions: ['2025-03-12'],
    };
    const source = renderOperationTable(table);
    expect(source).toMatch(/^[\n -~]*$/);
    expect(source).toContain('\\u202e');
    const module = await evaluate(source);
    expect((module.OPERATIONS as typeof table.operations).getThing.path).toBe(path);
  });

  it('renders a table that evaluates to what was generated', async () => {
    const table = operationTable(specWith());
    const module = await evaluate(renderOperationTable(table));
    expect(module.OPERATIONS).toEqual(table.operations);
    expect(module.PARAMETERS).toEqual(table.parameters);
    expect(module.LATEST_API_VERSION).toBe('2025-03-12');
  });
});

/** A create operation whose body field `cloud` and path parameter `region` have the given schemas. */
function specWithScope(cloud: object, region: object = { type: 'string' }) {
  return {
    openapi: '3.0.1',
    tags: TAGS,
    paths: {
      '/things/{region}': {
        post: {
          operationId: 'createThing',
          tags: ['Things'],
          'x-client-method': 'create',
          parameters: [{ name: 'region', in: 'path', required: true, schema: region }],
          requestBody: {
            content: {
              [MEDIA_TYPE]: {
                schema: {
                  type: 'object',
                  required: ['cloud', 'name'],
                  properties: { cloud, name: { type: 'string', enum: ['only'] } },
                },
              },
            },
          },
          responses: { '201': { content: { [MEDIA_TYPE]: { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}

/** The row of `createThing` in the table of `spec`. */
const createRow = (spec: object) =>
  (operationTable(spec).operations as Record<string, Record<string, unknown>>).createThing;

describe('defaults', () => {
  it('are read from x-client-default on a body field, whatever its enum', () => {
    const row = createRow(
      specWithScope({ type: 'string', enum: ['ANY', 'AWS', 'GCP'], 'x-client-default': 'ANY' }),
    );
    expect(row?.defaults).toEqual({ cloud: 'ANY' });
  });

  it('are never inferred from an enum of one value', () => {
    expect(createRow(specWithScope({ type: 'string', enum: ['ANY'] }))).not.toHaveProperty(
      'defaults',
    );
  });

  it('are read from x-client-default on a path parameter or on its schema', () => {
    const onSchema = { type: 'string', enum: ['ANY'], 'x-client-default': 'ANY' };
    expect(createRow(specWithScope({ type: 'string' }, onSchema))?.defaults).toEqual({
      region: 'ANY',
    });
    const spec = specWithScope({ type: 'string' }, { type: 'string', enum: ['ANY', 'EU'] });
    const parameter = spec.paths['/things/{region}'].post.parameters[0] as Record<string, unknown>;
    parameter['x-client-default'] = 'EU';
    expect(createRow(spec)?.defaults).toEqual({ region: 'EU' });
  });

  it('refuses a declared default the field does not allow, naming the field', () => {
    const spec = specWithScope({ type: 'string', enum: ['AWS'], 'x-client-default': 'ANY' });
    expect(() => operationTable(spec)).toThrow(
      'x-client-default "ANY" of request body field "cloud" of POST "/things/{region}" must be one of "AWS"',
    );
  });
});
