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

/**
 * A spec of one path holding `operations` (by method), with `components` beside it. Each
 * operation goes in the `things` group under its operationId, whatever its path (the naming rule
 * has tests of its own).
 */
function specOf(path: string, operations: object, components: object = {}) {
  const grouped = Object.fromEntries(
    Object.entries(operations).map(([key, value]) => [
      key,
      // note: a path item's own `parameters` sit beside its operations.
      Array.isArray(value)
        ? value
        : { tags: ['Things'], 'x-client-method': value.operationId, ...value },
    ]),
  );
  return { openapi: '3.0.1', tags: TAGS, paths: { [path]: grouped }, components };
}

/** A response of `status` whose versioned body has `schema`. */
const answer = (schema: object, type = MEDIA_TYPE) => ({ content: { [type]: { schema } } });

describe('parameters', () => {
  it('keeps the rules the client enforces and leaves the rest as documentation', () => {
    const itemsPerPage = {
      name: 'itemsPerPage',
      in: 'query',
      description: 'Items per page.',
      schema: { type: 'integer', format: 'int32', default: 100, minimum: 1, maximum: 500 },
    };
    const table = operationTable(
      specOf('/things', {
        get: { operationId: 'listThings', parameters: [itemsPerPage], responses: {} },
      }),
    );
    expect(table.parameters).toEqual({
      itemsPerPage: { type: 'integer', minimum: 1, maximum: 500 },
    });
  });

  it('keeps a minimum of 0, an enum and a nullable flag, in a fixed order', () => {
    const table = operationTable(
      specOf('/things', {
        get: {
          operationId: 'listThings',
          parameters: [
            { name: 'from', in: 'query', schema: { minimum: 0, type: 'integer' } },
            { name: 'cloud', in: 'query', schema: { enum: ['AWS', 'GCP'], type: 'string' } },
            { name: 'note', in: 'query', schema: { nullable: true, maxLength: 3, type: 'string' } },
          ],
          responses: {},
        },
      }),
    );
    expect(table.parameters).toEqual({
      from: { type: 'integer', minimum: 0 },
      cloud: { type: 'string', enum: ['AWS', 'GCP'] },
      note: { type: 'string', maxLength: 3, nullable: true },
    });
    expect(Object.keys(table.parameters.note ?? {})).toEqual(['type', 'maxLength', 'nullable']);
  });

  it('puts query parameters in the query, required ones apart, and path parameters nowhere', () => {
    const table = operationTable(
      specOf(
        '/groups/{groupId}/things',
        {
          parameters: [{ $ref: '#/components/parameters/groupId' }],
          get: {
            operationId: 'listThings',
            parameters: [
              { name: 'pretty', in: 'query', schema: { type: 'boolean' } },
              { name: 'name', in: 'query', required: true, schema: { type: 'string' } },
            ],
            responses: {},
          },
        },
        {
          parameters: {
            groupId: {
              name: 'groupId',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^[a-f0-9]{24}$' },
            },
          },
        },
      ),
    );
    expect(table.operations.listThings).toEqual({
      method: 'GET',
      path: '/groups/{groupId}/things',
      status: 200,
      query: ['pretty', 'name'],
      requiredQuery: ['name'],
    });
    expect(table.parameters.groupId).toEqual({ type: 'string', pattern: '^[a-f0-9]{24}$' });
  });

  it('refuses a header parameter, which the client has no way to send', () => {
    const spec = specOf('/things', {
      get: {
        operationId: 'listThings',
        parameters: [{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }],
        responses: {},
      },
    });
    expect(() => operationTable(spec)).toThrow(
      '"header" parameters are not supported (GET "/things")',
    );
  });

  it('refuses one name with two different schemas across operations', () => {
    const spec = specOf('/things', {
      get: {
        operationId: 'listThings',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 5 } }],
        responses: {},
      },
      delete: {
        operationId: 'deleteThings',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 6 } }],
        responses: {},
      },
    });
    expect(() => operationTable(spec)).toThrow(
      'parameter "limit" has different schemas across operations (deleteThings)',
    );
  });
});

describe('request bodies', () => {
  const create = (schema: object, components: object = {}) =>
    operationTable(
      specOf(
        '/things',
        {
          post: {
            operationId: 'createThing',
            requestBody: { content: { [MEDIA_TYPE]: { schema } } },
            responses: { '201': answer({ type: 'object' }) },
          },
        },
        components,
      ),
    ).operations.createThing;

  it('lists the writable fields with their rules and which are required', () => {
    const row = create({
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string', minLength: 1, maxLength: 50, description: 'The name.' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    expect(row?.status).toBe(201);
    expect(row?.body).toEqual({
      fields: { name: { type: 'string', minLength: 1, maxLength: 50 }, tags: { type: 'array' } },
      requiredFields: ['name'],
    });
  });

  it('reads fields through $refs to the body schema and to each field', () => {
    const row = create(
      { $ref: '#/components/schemas/Create' },
      {
        schemas: {
          Create: { type: 'object', properties: { cloud: { $ref: '#/components/schemas/Cloud' } } },
          Cloud: { type: 'string', enum: ['AWS', 'GCP'], 'x-client-default': 'AWS' },
        },
      },
    );
    expect(row?.body?.fields).toEqual({ cloud: { type: 'string', enum: ['AWS', 'GCP'] } });
    expect(row?.defaults).toEqual({ cloud: 'AWS' });
  });

  it('has a body only when the operation takes one', () => {
    const table = operationTable(specWith());
    expect(table.operations.getThing?.body).toEqual({
      fields: { name: { type: 'string' } },
      requiredFields: [],
    });
    const spec = specWith();
    for (const item of Object.values(spec.paths)) {
      delete (item.patch as { requestBody?: unknown }).requestBody;
    }
    expect(operationTable(spec).operations.getThing).not.toHaveProperty('body');
  });
});

describe('pagination', () => {
  /** A list operation whose answer holds `results` and whose query has `query`. */
  const listing = (results: object, query: string[]) =>
    operationTable(
      specOf('/things', {
        get: {
          operationId: 'listThings',
          parameters: query.map((name) => ({ name, in: 'query', schema: { type: 'integer' } })),
          responses: {
            '200': answer({
              type: 'object',
              properties: { results, totalCount: { type: 'integer', format: 'int32', minimum: 0 } },
            }),
          },
        },
      }),
    ).operations.listThings;

  it('marks a list of results that takes pageNum and itemsPerPage as paginated', () => {
    expect(
      listing({ type: 'array', items: { type: 'object' } }, ['pageNum', 'itemsPerPage']),
    ).toHaveProperty('paginated', true);
  });

  it.each([
    ['results that are no list', { type: 'object' }, ['pageNum', 'itemsPerPage']],
    ['a list without pageNum', { type: 'array' }, ['itemsPerPage']],
    ['a list without itemsPerPage', { type: 'array' }, ['pageNum']],
  ])('leaves %s unmarked', (_, results, query) => {
    expect(listing(results, query)).not.toHaveProperty('paginated');
  });
});

describe('responses', () => {
  it('takes the lowest 2xx status as the success, and 200 when there is none', () => {
    const table = operationTable(
      specOf('/things', {
        post: {
          operationId: 'createThing',
          responses: { '400': answer({}), '202': answer({}), '201': answer({}) },
        },
        get: { operationId: 'listThings', responses: { default: answer({}) } },
      }),
    );
    expect(table.operations.createThing?.status).toBe(201);
    expect(table.operations.listThings?.status).toBe(200);
  });

  it('finds secret fields of the answer, of its results and of its allOf parts', () => {
    const table = operationTable(
      specOf(
        '/things',
        {
          get: {
            operationId: 'listThings',
            responses: {
              '200': answer({
                allOf: [{ $ref: '#/components/schemas/Base' }],
                properties: {
                  results: { type: 'array', items: { $ref: '#/components/schemas/Key' } },
                },
              }),
            },
          },
        },
        {
          schemas: {
            Base: { properties: { token: { type: 'string', format: 'password' } } },
            Key: {
              properties: {
                secret: { type: 'string', format: 'password' },
                name: { type: 'string' },
              },
            },
          },
        },
      ),
    );
    expect(table.secretFields).toEqual(['secret', 'token']);
  });

  it('lists the versions of the versioned media types, oldest first, and no other', () => {
    const table = operationTable(
      specOf('/things', {
        get: {
          operationId: 'listThings',
          responses: {
            '200': {
              content: {
                'application/vnd.atlas.2026-01-01+json': {},
                'application/vnd.atlas.preview+json': {},
                'application/vnd.atlas.2025-03-12+json': {},
                'application/json': {},
                'application/vnd.atlas.2025-03-12+csv': {},
              },
            },
          },
        },
      }),
    );
    expect(table.versions).toEqual(['2025-03-12', '2026-01-01', 'preview']);
  });
});

describe('$refs', () => {
  /** A spec whose only parameter is `parameter`, with `components`. */
  const withParameter = (parameter: object, components: object = {}) =>
    specOf(
      '/things',
      { get: { operationId: 'listThings', parameters: [parameter], responses: {} } },
      components,
    );

  it.each([
    [
      'a $ref to nothing',
      { $ref: '#/components/parameters/nope' },
      'dangling $ref "#/components/parameters/nope"',
    ],
    [
      'a $ref to an inherited name',
      { $ref: '#/components/parameters/constructor' },
      'dangling $ref',
    ],
    [
      'a $ref to another document',
      { $ref: 'other.yaml#/p' },
      'only local $refs (#/…) are supported, not "other.yaml#/p"',
    ],
    [
      'a $ref cycle',
      { $ref: '#/components/parameters/a' },
      '$ref cycle at "#/components/parameters/',
    ],
  ])('refuses %s, naming it', (_, parameter, message) => {
    const components = {
      parameters: {
        a: { $ref: '#/components/parameters/b' },
        b: { $ref: '#/components/parameters/a' },
      },
    };
    expect(() => operationTable(withParameter(parameter, components))).toThrow(GenerationError);
    expect(() => operationTable(withParameter(parameter, components))).toThrow(message);
  });

  it('follows a chain of $refs and escaped names (~1 is /, ~0 is ~)', () => {
    const table = operationTable(
      withParameter(
        { $ref: '#/components/parameters/a~1b' },
        {
          parameters: {
            'a/b': { $ref: '#/components/parameters/c~0d' },
            'c~d': { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 9 } },
          },
        },
      ),
    );
    expect(table.parameters).toEqual({ limit: { type: 'integer', maximum: 9 } });
  });
});
