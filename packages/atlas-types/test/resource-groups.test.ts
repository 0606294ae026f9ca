import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compareMethodNames, methodNameOf } from '../scripts/method-names.mjs';
import { operationTable, renderOperationTable } from '../scripts/operation-table.mjs';

const MEDIA_TYPE = 'application/vnd.atlas.2025-03-12+json';
const GROUP = '/api/atlas/v2/groups/{groupId}';
const ORG = '/api/atlas/v2/orgs/{orgId}';
const LIMIT = '/aiModelApiClouds/{cloud}/geographies/{geography}/modelGroupNames/{modelGroupName}';

/** An operation at `method` and `path` in a spec: what the naming rule reads, and its doc fields. */
interface OperationSpec {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly tag?: string;
  readonly extra?: Record<string, unknown>;
}

/** A spec of `operations`, tagged `Keys` (group `keys`) unless told otherwise. */
function specOf(operations: readonly OperationSpec[], tags: readonly object[] = []) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, operationId, tag = 'Keys', extra = {} } of operations) {
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method] = {
      operationId,
      tags: [tag],
      responses: { '200': { content: { [MEDIA_TYPE]: { schema: { type: 'object' } } } } },
      ...extra,
    };
  }
  return {
    openapi: '3.0.1',
    tags: [{ name: 'Keys', 'x-client-resource': 'keys' }, ...tags],
    paths,
  };
}

describe('the naming rule', () => {
  it.each([
    ['GET', `${GROUP}/aiModelApiKeys`, 'list'],
    ['POST', `${GROUP}/aiModelApiKeys`, 'create'],
    ['GET', `${GROUP}/aiModelApiKeys/{apiKeyId}`, 'get'],
    ['PATCH', `${GROUP}/aiModelApiKeys/{apiKeyId}`, 'update'],
    ['PUT', `${GROUP}/aiModelApiKeys/{apiKeyId}`, 'update'],
    ['DELETE', `${GROUP}/aiModelApiKeys/{apiKeyId}`, 'delete'],
    ['GET', `${ORG}/aiModelApiKeys`, 'listForOrg'],
    ['GET', `${ORG}/aiModelApiKeys/{apiKeyId}`, 'getForOrg'],
    ['GET', `${GROUP}/aiModelApiRateLimits`, 'list'],
    ['GET', `${GROUP}${LIMIT}/rateLimits`, 'get'],
    ['PATCH', `${GROUP}${LIMIT}/rateLimits`, 'update'],
    ['POST', `${GROUP}${LIMIT}/rateLimits:reset`, 'reset'],
    ['POST', `${GROUP}/aiModelApiRateLimits:reset`, 'resetAll'],
    ['GET', `${ORG}/aiModelApiRateLimits`, 'listForOrg'],
    ['GET', `${ORG}${LIMIT}/rateLimits`, 'getForOrg'],
    ['POST', `${ORG}/aiModelApiRateLimits:reset`, 'resetAllForOrg'],
  ])('names %s %s %s', (method, path, name) => {
    expect(methodNameOf(method, path)).toEqual({ name });
  });

  it.each([
    ['a path outside a project or an organization', 'GET', '/api/atlas/v2/clusters', /neither/],
    ['a project itself', 'GET', GROUP, /neither/],
    ['a POST on an item', 'POST', `${GROUP}/aiModelApiKeys/{apiKeyId}`, /POST on an item/],
    ['a DELETE on a collection', 'DELETE', `${GROUP}/aiModelApiKeys`, /DELETE on a collection/],
  ])('gives no name to %s, saying why', (_, method, path, why) => {
    const named = methodNameOf(method, path);
    expect(named.name).toBeUndefined();
    expect(named.problem).toMatch(why);
  });

  it("orders a project's methods before an organization's, standard ones first", () => {
    const names = ['getForOrg', 'resetAll', 'delete', 'listForOrg', 'reset', 'get', 'list'];
    expect(names.sort(compareMethodNames)).toEqual([
      'list',
      'get',
      'delete',
      'reset',
      'resetAll',
      'listForOrg',
      'getForOrg',
    ]);
  });
});

describe('resource groups', () => {
  it('put each operation in its tag group under the name the rule gives it', () => {
    const spec = specOf(
      [
        { method: 'get', path: `${ORG}/aiModelApiKeys`, operationId: 'listOrgKeys' },
        { method: 'get', path: `${GROUP}/aiModelApiKeys`, operationId: 'listGroupKeys' },
        {
          method: 'post',
          path: `${GROUP}/aiModelApiRateLimits:reset`,
          operationId: 'resetGroupLimits',
          tag: 'Limits',
        },
      ],
      [{ name: 'Limits', 'x-client-resource': 'rateLimits' }],
    );
    const { resources } = operationTable(spec);
    expect(Object.keys(resources)).toEqual(['keys', 'rateLimits']);
    expect(resources.keys?.methods.list?.operationId).toBe('listGroupKeys');
    expect(Object.keys(resources.keys?.methods ?? {})).toEqual(['list', 'listForOrg']);
    expect(resources.rateLimits?.methods.resetAll?.operationId).toBe('resetGroupLimits');
  });

  it('take the name x-client-method declares over the rule', () => {
    const spec = specOf([
      {
        method: 'post',
        path: `${GROUP}/aiModelApiKeys/{apiKeyId}`,
        operationId: 'rotateKey',
        extra: { 'x-client-method': 'rotate' },
      },
    ]);
    expect(operationTable(spec).resources.keys?.methods.rotate?.operationId).toBe('rotateKey');
  });

  it('refuse an operation the rule cannot name, asking for x-client-method', () => {
    const spec = specOf([
      { method: 'post', path: `${GROUP}/aiModelApiKeys/{apiKeyId}`, operationId: 'rotateKey' },
    ]);
    expect(() => operationTable(spec)).toThrow(
      /no method name for rotateKey \(POST ".*"\): no standard method is POST on an item; declare x-client-method on it in the overlay/,
    );
  });

  it('refuse two operations under one name, naming both', () => {
    const spec = specOf([
      { method: 'get', path: `${GROUP}/aiModelApiKeys`, operationId: 'listKeys' },
      {
        method: 'get',
        path: `${GROUP}/aiModelApiKeys/{apiKeyId}`,
        operationId: 'getKey',
        extra: { 'x-client-method': 'list' },
      },
    ]);
    expect(() => operationTable(spec)).toThrow(
      'listKeys and getKey are both named keys.list: declare x-client-method on one of them in the overlay',
    );
  });

  it('refuse an operation whose tag declares no group, naming the tag', () => {
    const spec = specOf([
      { method: 'get', path: `${GROUP}/clusters`, operationId: 'listClusters', tag: 'Clusters' },
    ]);
    expect(() => operationTable(spec)).toThrow(
      `listClusters (GET "${GROUP}/clusters") has the tag "Clusters", which has no x-client-resource`,
    );
  });

  it.each([
    ['a group that is no identifier', { name: 'Keys', 'x-client-resource': 'api-keys' }],
    ['a group every object inherits', { name: 'Keys', 'x-client-resource': 'constructor' }],
  ])('refuse %s', (_, tag) => {
    const spec = { ...specOf([]), tags: [tag] };
    expect(() => operationTable(spec)).toThrow(/x-client-resource/);
  });

  it('refuse a method name that is no identifier', () => {
    const spec = specOf([
      {
        method: 'get',
        path: `${GROUP}/aiModelApiKeys`,
        operationId: 'listKeys',
        extra: { 'x-client-method': 'list keys' },
      },
    ]);
    expect(() => operationTable(spec)).toThrow(/method name "list keys" of listKeys/);
  });
});

/** Compiles `source` with a use of it after, returning the hover text at `marker` in the use. */
function hoverAt(source: string, use: string, marker: string): string {
  const file = 'table.ts';
  const code = `${source}\n${use}`;
  const service = ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) =>
      name === file
        ? ts.ScriptSnapshot.fromString(code)
        : ts.sys.fileExists(name)
          ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name) ?? '')
          : undefined,
    getCurrentDirectory: () => '/',
    getCompilationSettings: () => ({ target: ts.ScriptTarget.ES2022, strict: true, types: [] }),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? code : ts.sys.readFile(name)),
  });
  const info = service.getQuickInfoAtPosition(file, code.lastIndexOf(marker));
  const text = (parts?: ts.SymbolDisplayPart[]) => (parts ?? []).map((part) => part.text).join('');
  const tags = (info?.tags ?? []).map((tag) => `@${tag.name} ${text(tag.text)}`);
  return [text(info?.documentation), ...tags].join('\n');
}

describe('the rendered resource groups', () => {
  const docsUrl = 'https://mongodb.com/docs/atlas/reference/api-resources-spec/v2/#op/listKeys';
  const spec = specOf([
    {
      method: 'get',
      path: `${GROUP}/aiModelApiKeys`,
      operationId: 'listKeys',
      extra: {
        summary: 'Return Keys */ evil(); /*\u202e',
        'x-rolesRequirements': ['Project Read Only'],
        'x-xgen-docs-url': docsUrl,
      },
    },
  ]);
  const table = { ...operationTable(spec), versions: ['2025-03-12'] };

  it('evaluate to each method operationId, by group', async () => {
    const { outputText } = ts.transpileModule(renderOperationTable(table), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const module = await import(`data:text/javascript,${encodeURIComponent(outputText)}`);
    expect(module.RESOURCES).toEqual({ keys: { list: 'listKeys' } });
  });

  it("document each method with the operation's summary, route, roles and reference page", () => {
    const hover = hoverAt(
      renderOperationTable(table),
      "declare const k: ResourceOperations['keys']; k.list;",
      'list;',
    );
    expect(hover).toContain('Return Keys');
    expect(hover).toContain(`GET ${GROUP}/aiModelApiKeys`);
    expect(hover).toContain('operationId `listKeys`; Atlas role: Project Read Only.');
    expect(hover).toContain(docsUrl);
  });

  it('keep upstream text inside the comment, every character past ASCII escaped', () => {
    const source = renderOperationTable(table);
    expect(source).toMatch(/^[\n -~]*$/);
    expect(source).toContain('Return Keys *\\/ evil(); /*\\u202e.');
    expect(source).not.toContain('evil(); /*\u202e');
  });

  it('refuse a reference page that is not an https URL', () => {
    const bad = specOf([
      {
        method: 'get',
        path: `${GROUP}/aiModelApiKeys`,
        operationId: 'listKeys',
        extra: { 'x-xgen-docs-url': 'javascript:alert(1)' },
      },
    ]);
    expect(() => operationTable(bad)).toThrow(/x-xgen-docs-url of listKeys must be an https URL/);
  });
});

describe('integer formats', () => {
  /** The rule the table gives a query parameter of `schema`. */
  const ruleOf = (schema: object) =>
    (
      operationTable(
        specOf([
          {
            method: 'get',
            path: `${GROUP}/aiModelApiKeys`,
            operationId: 'listKeys',
            extra: { parameters: [{ name: 'limit', in: 'query', schema }] },
          },
        ]),
      ).parameters as Record<string, unknown>
    ).limit;

  it('bound an int32 as the server does', () => {
    expect(ruleOf({ type: 'integer', format: 'int32', minimum: 1 })).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 2147483647,
    });
  });

  it('keep the tighter of a format and a stated bound', () => {
    expect(ruleOf({ type: 'integer', format: 'int32', maximum: 500 })).toEqual({
      type: 'integer',
      minimum: -2147483648,
      maximum: 500,
    });
  });

  it('bound an int64 where a JavaScript number stops being exact', () => {
    expect(ruleOf({ type: 'integer', format: 'int64' })).toMatchObject({
      maximum: Number.MAX_SAFE_INTEGER,
    });
  });
});
