// Builds the operation table the client is driven by: for each operation of the spec, what a
// call sends (method, path, which parameters go in the query, the body's fields, the values it
// fills in) and what it checks (validation rules, the success status); beside it, every
// parameter's rules, the secret fields of the responses, the versions the media types declare,
// and the client's resource groups: each operation's method, named by the rule of
// method-names.mjs, in the group its tag declares.
// @ts-check
import { followRefs, HTTP_METHODS, VERSIONED_MEDIA_TYPE } from '@org/spec-update/openapi';
import { compareMethodNames, methodNameOf } from './method-names.mjs';

/**
 * The parts of an OpenAPI document the table is read from. The spec is parsed YAML, so these
 * describe what is expected; every node may instead be a `$ref`, followed by `resolve`.
 * @typedef {{ $ref?: string }} Ref
 * @typedef {Ref & {
 *   type?: string, format?: string, pattern?: string, minLength?: number, maxLength?: number,
 *   minimum?: number, maximum?: number, enum?: unknown[], nullable?: boolean, readOnly?: boolean,
 *   properties?: Record<string, Schema>, items?: Schema, allOf?: Schema[], required?: string[],
 *   'x-client-default'?: unknown }} Schema
 * @typedef {Ref & { name?: unknown, in?: unknown, required?: boolean, schema?: Schema,
 *   'x-client-default'?: unknown }} Parameter
 * @typedef {Ref & { content?: Record<string, { schema?: Schema }>, required?: boolean }} Body
 *   A request body or a response: both carry their schema in `content`.
 * @typedef {{ operationId?: unknown, parameters?: Parameter[], requestBody?: Body,
 *   responses?: Record<string, Body>, tags?: string[], summary?: unknown,
 *   'x-client-method'?: unknown, 'x-xgen-docs-url'?: string, 'x-rolesRequirements'?: unknown }}
 *   Operation
 * @typedef {{ parameters?: Parameter[] } & { [Method in (typeof HTTP_METHODS)[number]]?: Operation }}
 *   PathItem
 * @typedef {{ name?: unknown, description?: unknown, 'x-client-resource'?: unknown }} Tag
 * @typedef {{ paths?: Record<string, PathItem>, tags?: Tag[] }} Spec
 */

/**
 * The enforceable part of a schema: what the client checks before sending.
 * @typedef {{ type?: string, pattern?: string, minLength?: number, maxLength?: number,
 *   minimum?: number, maximum?: number, enum?: unknown[], nullable?: true }} Rule
 */

/**
 * What one client method's doc comment says, beside the operation it calls.
 * @typedef {{ operationId: string, summary: string, route: string, roles?: string[],
 *   docsUrl?: string }} MethodDoc
 */

/**
 * One resource group of the client: the tag it comes from and its methods by name.
 * @typedef {{ tag: string, description?: string, methods: Record<string, MethodDoc> }} Resource
 */

/**
 * One operation of the table.
 * @typedef {{ method: string, path: string, status: number, query: string[],
 *   requiredQuery?: string[], body?: { fields: Record<string, Rule>, requiredFields: string[] },
 *   defaults?: Record<string, unknown>, paginated?: true }} Row
 */

/**
 * The table: operations by operationId, parameter rules by name, secret fields and versions.
 * @typedef {{ operations: Record<string, Row>, parameters: Record<string, Rule>,
 *   secretFields: string[], versions: string[], resources: Record<string, Resource> }}
 *   OperationTable
 */

/** The rule keywords the client enforces; everything else in a schema is documentation. */
const RULE_KEYWORDS = /** @type {const} */ ([
  'type',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'enum',
]);

// note: upstream names become method names, object keys and path templates in the client, so
// only names a method or a URL carries as they are get through; anything else is refused.
/** What an operationId and a path parameter's name must be: ASCII letters, digits and `_`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What a query parameter's name must be: a query key that needs no percent-encoding. */
const QUERY_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Names every object inherits (`__proto__`, `constructor`, `toString`…): never a key of ours. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));
/** A path template's `{name}` placeholders. */
const PLACEHOLDER = /{([^}]*)}/g;
/**
 * The vendor extension that declares the value a client sends when the caller leaves a field or
 * parameter out. It is the only source of defaults: the spec's own `default` describes what the
 * server assumes, and the size of an enum says nothing about tomorrow's values.
 */
export const CLIENT_DEFAULT = 'x-client-default';
/** The vendor extension on a tag object that names the client's resource group of its operations. */
export const CLIENT_RESOURCE = 'x-client-resource';
/** The vendor extension on an operation that names its method where the naming rule is wrong. */
export const CLIENT_METHOD = 'x-client-method';
/** The bounds of the integer formats: int64 only as far as a JavaScript number is exact. */
/** @type {Readonly<Record<string, readonly [number, number]>>} */
const INTEGER_FORMATS = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** An input the generator refuses: one line, naming what is wrong and where. */
export class GenerationError extends Error {
  /** @override */
  name = 'GenerationError';
}

/**
 * Upstream text quoted for a message, with anything a terminal would act on escaped.
 * @param {unknown} text
 */
function quote(text) {
  return JSON.stringify(String(text)).replace(
    /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Returns `name` when it matches `pattern`; otherwise refuses it, saying what was expected.
 * @param {unknown} name
 * @param {RegExp} pattern
 * @param {string} what
 * @param {string} where
 * @returns {string}
 */
function checkName(name, pattern, what, where) {
  if (typeof name === 'string' && pattern.test(name)) {
    if (!INHERITED.has(name)) return name;
    throw new GenerationError(`${what} ${quote(name)} of ${where} is a name every object inherits`);
  }
  const expected =
    pattern === IDENTIFIER
      ? 'letters, digits and _, not starting with a digit'
      : 'letters, digits, _, . and -, starting with a letter or _';
  throw new GenerationError(`${what} ${quote(name)} of ${where} must be ${expected}`);
}

/** What the generator says of a `$ref` it cannot follow, by why. */
const REF_FAILURES = {
  'not local': (/** @type {string} */ ref) =>
    `only local $refs (#/…) are supported, not ${quote(ref)}`,
  dangling: (/** @type {string} */ ref) => `dangling $ref ${quote(ref)}`,
  cycle: (/** @type {string} */ ref) => `$ref cycle at ${quote(ref)}`,
};

/**
 * Follows a local `$ref` (`#/components/...`), repeatedly; other values are returned as they
 * are. A `$ref` that leads nowhere is refused.
 * @template {Ref | undefined} Node
 * @param {Spec} spec
 * @param {Node} node
 * @returns {Node}
 */
function resolve(spec, node) {
  const { target, failure } = followRefs(spec, node);
  if (failure) throw new GenerationError(REF_FAILURES[failure.reason](failure.ref));
  return /** @type {Node} */ (target);
}

/**
 * The enforceable part of a schema, in a fixed key order.
 * @param {Spec} spec
 * @param {Schema | undefined} schema
 * @returns {Rule}
 */
function ruleOf(spec, schema) {
  const resolved = resolve(spec, schema) ?? {};
  /** @type {Record<string, unknown>} */
  const rule = {};
  for (const keyword of RULE_KEYWORDS) {
    if (resolved[keyword] !== undefined) rule[keyword] = resolved[keyword];
  }
  // note: an integer's format bounds it as surely as minimum and maximum do (an int32 past
  // 2147483647 is refused by the server), so the tighter of the two is the rule.
  // note: the format is upstream text; only the table's own formats count, never inherited names.
  const bounds =
    resolved.type === 'integer' &&
    resolved.format &&
    Object.hasOwn(INTEGER_FORMATS, resolved.format)
      ? INTEGER_FORMATS[resolved.format]
      : undefined;
  if (bounds) {
    rule.minimum = Math.max(resolved.minimum ?? bounds[0], bounds[0]);
    rule.maximum = Math.min(resolved.maximum ?? bounds[1], bounds[1]);
  }
  if (resolved.nullable === true) rule.nullable = true;
  return rule;
}

/**
 * The version of each `application/vnd.atlas.<version>+json` media type, in spec order.
 * @param {Body['content']} content
 * @returns {string[]}
 */
function versionsOf(content) {
  return Object.keys(content ?? {})
    .map((mediaType) => VERSIONED_MEDIA_TYPE.exec(mediaType)?.[1])
    .filter((version) => version !== undefined);
}

/**
 * Names of the properties marked `format: password`, in a response schema and its `results` items.
 * @param {Spec} spec
 * @param {Schema | undefined} schema
 * @param {Set<Schema>} seen
 * @returns {string[]}
 */
function secretFieldsOf(spec, schema, seen = new Set()) {
  const resolved = resolve(spec, schema);
  if (!resolved || seen.has(resolved)) return [];
  seen.add(resolved);
  /** @type {string[]} */
  const names = [];
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    const field = resolve(spec, property);
    if (field?.format === 'password') names.push(name);
    if (field?.type === 'array') names.push(...secretFieldsOf(spec, field.items, seen));
  }
  for (const part of resolved.allOf ?? []) names.push(...secretFieldsOf(spec, part, seen));
  return names;
}

/**
 * The value declared by `x-client-default` on a parameter or on a schema (a parameter's own
 * declaration first, then its schema's), checked against the rule it must satisfy.
 * @param {Spec} spec
 * @param {(Parameter | Schema | undefined)[]} nodes
 * @param {Rule} rule
 * @param {string} what
 * @returns {unknown}
 */
function clientDefaultOf(spec, nodes, rule, what) {
  const declared = nodes
    .map((node) => resolve(spec, node))
    .find((node) => node && CLIENT_DEFAULT in node);
  if (declared === undefined) return undefined;
  const value = declared[CLIENT_DEFAULT];
  const allowed = rule.enum
    ? rule.enum.includes(value)
    : ['string', 'number', 'boolean'].includes(typeof value);
  if (!allowed) {
    const expected = rule.enum ? `one of ${rule.enum.map(quote).join(', ')}` : 'a plain value';
    throw new GenerationError(`${CLIENT_DEFAULT} ${quote(value)} of ${what} must be ${expected}`);
  }
  return value;
}

/**
 * The request body: its writable fields' rules, which are required, and their declared defaults.
 * @param {Spec} spec
 * @param {Body | undefined} requestBody
 * @param {string} where
 * @param {Record<string, unknown>} defaults
 * @returns {Row['body']}
 */
function bodyOf(spec, requestBody, where, defaults) {
  if (!requestBody) return undefined;
  const resolved = resolve(spec, requestBody);
  const [firstMediaType] = Object.values(resolved.content ?? {});
  /** @type {Schema} */
  const schema = resolve(spec, firstMediaType?.schema) ?? {};
  /** @type {Record<string, Rule>} */
  const fields = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    checkName(name, QUERY_KEY, 'request body field', where);
    // note: read-only properties are never sent.
    if (resolve(spec, property)?.readOnly === true) continue;
    const rule = ruleOf(spec, property);
    fields[name] = rule;
    const value = clientDefaultOf(
      spec,
      [property],
      rule,
      `request body field ${quote(name)} of ${where}`,
    );
    if (value !== undefined) defaults[name] = value;
  }
  const required = (schema.required ?? []).filter((name) => name in fields);
  return { fields, requiredFields: required };
}

/**
 * One row of the table for `operation`, at `method` and `path`, and the rules of its parameters.
 * @param {Spec} spec
 * @param {string} path
 * @param {string} method
 * @param {Operation} operation
 * @param {PathItem} pathItem
 */
function rowOf(spec, path, method, operation, pathItem) {
  /** @type {string[]} */
  const query = [];
  /** @type {string[]} */
  const requiredQuery = [];
  /** @type {Record<string, Rule>} */
  const rules = {};
  /** @type {Record<string, unknown>} */
  const defaults = {};
  const where = `${method.toUpperCase()} ${quote(path)}`;
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const resolved = resolve(spec, parameter);
    if (resolved.in !== 'query' && resolved.in !== 'path') {
      throw new GenerationError(`${quote(resolved.in)} parameters are not supported (${where})`);
    }
    const inQuery = resolved.in === 'query';
    const name = checkName(
      resolved.name,
      inQuery ? QUERY_KEY : IDENTIFIER,
      `${resolved.in} parameter`,
      where,
    );
    const rule = ruleOf(spec, resolved.schema);
    rules[name] = rule;
    const what = `${resolved.in} parameter ${quote(name)} of ${where}`;
    const value = clientDefaultOf(spec, [resolved, resolved.schema], rule, what);
    if (value !== undefined) defaults[name] = value;
    if (inQuery) {
      query.push(name);
      if (resolved.required) requiredQuery.push(name);
    }
  }
  const [status, success] = Object.entries(operation.responses ?? {}).find(([code]) =>
    /^2\d\d$/.test(code),
  ) ?? ['200', /** @type {Body} */ ({})];
  const response = resolve(spec, success);
  const [firstContent] = Object.values(response.content ?? {});
  const responseSchema = resolve(spec, firstContent?.schema);
  const results = resolve(spec, responseSchema?.properties?.results);
  const paginated =
    results?.type === 'array' && query.includes('pageNum') && query.includes('itemsPerPage');
  const body = bodyOf(spec, operation.requestBody, where, defaults);
  /** @type {Row} */
  const row = {
    method: method.toUpperCase(),
    path,
    status: Number(status),
    query,
    ...(requiredQuery.length ? { requiredQuery } : {}),
    ...(body ? { body } : {}),
    ...(Object.keys(defaults).length ? { defaults } : {}),
    ...(paginated ? { paginated: true } : {}),
  };
  return {
    row,
    rules,
    versions: versionsOf(response.content),
    secretFields: firstContent?.schema ? secretFieldsOf(spec, firstContent.schema) : [],
  };
}

/**
 * The resource group each tag's operations go in, by tag name, as `x-client-resource` declares it.
 * @param {Spec} spec
 * @returns {Map<unknown, string>}
 */
function resourceNamesOf(spec) {
  const names = new Map();
  for (const tag of spec.tags ?? []) {
    if (tag?.[CLIENT_RESOURCE] === undefined) continue;
    const where = `tag ${quote(tag.name)}`;
    names.set(tag.name, checkName(tag[CLIENT_RESOURCE], IDENTIFIER, CLIENT_RESOURCE, where));
  }
  return names;
}

/**
 * Text from the spec for a doc comment: one line, nothing that ends the comment or hides in it.
 * @param {unknown} text
 */
function docText(text) {
  return String(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replaceAll('*/', '*\\/')
    .replace(/[^ -~]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Where `operation` goes in the client: its resource group (from its first tag) and its method
 * name (from `x-client-method`, else the naming rule), with what its doc comment says.
 * @param {Map<unknown, string>} resourceNames
 * @param {string} id
 * @param {string} method
 * @param {string} path
 * @param {Operation} operation
 * @param {string} where
 * @returns {{ resource: string, name: string, doc: Omit<MethodDoc, 'operationId'> }}
 */
function clientMethodOf(resourceNames, id, method, path, operation, where) {
  const [tag] = operation.tags ?? [];
  const resource = resourceNames.get(tag);
  if (resource === undefined) {
    throw new GenerationError(
      `${id} (${where}) has ${tag === undefined ? 'no tag' : `the tag ${quote(tag)}, which has no ${CLIENT_RESOURCE}`}: declare the client's resource group on its tag in the overlay`,
    );
  }
  let name = operation[CLIENT_METHOD];
  if (name === undefined) {
    const derived = methodNameOf(method.toUpperCase(), path);
    if (derived.problem) {
      throw new GenerationError(
        `no method name for ${id} (${where}): ${derived.problem}; declare ${CLIENT_METHOD} on it in the overlay`,
      );
    }
    name = derived.name;
  }
  const methodName = checkName(name, IDENTIFIER, 'method name', `${id} (${where})`);
  const docsUrl = operation['x-xgen-docs-url'];
  if (docsUrl !== undefined && !/^https:\/\/[!-~]+$/.test(docsUrl)) {
    throw new GenerationError(
      `x-xgen-docs-url of ${id} must be an https URL, not ${quote(docsUrl)}`,
    );
  }
  const roles = operation['x-rolesRequirements'];
  return {
    resource,
    name: methodName,
    doc: {
      summary: String(operation.summary ?? id),
      route: `${method.toUpperCase()} ${path}`,
      ...(Array.isArray(roles) && roles.length ? { roles: roles.map(String) } : {}),
      ...(docsUrl ? { docsUrl } : {}),
    },
  };
}

/**
 * The table of `spec`: every operation by operationId in the spec's order, the rules of every
 * parameter by name (path parameters are the `{names}` of a path, always required), the secret
 * fields of any response, every API version, oldest first, and the resource groups: each
 * method's operation and documentation, by group, then by method name.
 * @param {Spec} spec
 * @returns {OperationTable}
 */
export function operationTable(spec) {
  /** @type {Record<string, Row>} */
  const operations = {};
  /** @type {Record<string, Rule>} */
  const parameters = {};
  /** @type {Set<string>} */
  const secretFields = new Set();
  /** @type {Set<string>} */
  const versions = new Set();
  const resourceNames = resourceNamesOf(spec);
  /** @type {Record<string, Resource>} */
  const resources = {};
  const descriptions = Object.fromEntries(
    (spec.tags ?? []).map((tag) => [tag?.name, tag?.description]),
  );
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${quote(path)}`;
      if (operation.operationId === undefined) {
        throw new GenerationError(`${where} has no operationId`);
      }
      const id = checkName(operation.operationId, IDENTIFIER, 'operationId', where);
      for (const [, name] of path.matchAll(PLACEHOLDER)) {
        checkName(name, IDENTIFIER, 'path placeholder', where);
      }
      const entry = rowOf(spec, path, method, operation, pathItem);
      operations[id] = entry.row;
      const client = clientMethodOf(resourceNames, id, method, path, operation, where);
      const [tag] = operation.tags ?? [];
      const description = descriptions[String(tag)];
      resources[client.resource] ??= {
        tag: String(tag),
        ...(description ? { description: String(description) } : {}),
        methods: {},
      };
      const group = /** @type {Resource} */ (resources[client.resource]);
      const taken = group.methods[client.name];
      if (taken) {
        throw new GenerationError(
          `${taken.operationId} and ${id} are both named ${client.resource}.${client.name}: declare ${CLIENT_METHOD} on one of them in the overlay`,
        );
      }
      group.methods[client.name] = { operationId: id, ...client.doc };
      for (const [name, rule] of Object.entries(entry.rules)) {
        // note: rules are kept once per name; Atlas shares its parameters through $refs, so a name
        // with two schemas would be a change to look at, not to paper over.
        if (name in parameters && JSON.stringify(parameters[name]) !== JSON.stringify(rule)) {
          throw new GenerationError(
            `parameter ${quote(name)} has different schemas across operations (${id})`,
          );
        }
        parameters[name] = rule;
      }
      for (const name of entry.secretFields) secretFields.add(name);
      for (const version of entry.versions) versions.add(version);
    }
  }
  return {
    operations,
    parameters,
    secretFields: [...secretFields].sort(),
    versions: [...versions].sort(),
    resources: ordered(resources, [...resourceNames.values()]),
  };
}

/**
 * The resource groups in the order of the tags that declare them, each's methods in reading order.
 * @param {Record<string, Resource>} resources
 * @param {string[]} names
 * @returns {Record<string, Resource>}
 */
function ordered(resources, names) {
  return Object.fromEntries(
    names.flatMap((name) => {
      const resource = resources[name];
      if (!resource) return [];
      const entries = Object.entries(resource.methods);
      const methods = Object.fromEntries(entries.sort(([a], [b]) => compareMethodNames(a, b)));
      return [[name, { ...resource, methods }]];
    }),
  );
}

/**
 * A doc comment of `lines` at `indent`, each made safe for one by `docText`.
 * @param {string[]} lines
 * @param {string} indent
 */
function docComment(lines, indent) {
  const body = lines.map((line) => (line ? `${indent} * ${docText(line)}` : `${indent} *`));
  return [`${indent}/**`, ...body, `${indent} */`].join('\n');
}

/**
 * The documentation of one method: what it does, its route and operationId, roles, reference page.
 * @param {MethodDoc} doc
 */
function methodDoc({ operationId, summary, route, roles, docsUrl }) {
  return [
    `${summary}.`,
    '',
    `\`${route}\``,
    '',
    `operationId \`${operationId}\`${roles ? `; Atlas role: ${roles.join(' or ')}` : ''}.`,
    ...(docsUrl ? [`@see {@link ${docsUrl} | the Atlas API reference}`] : []),
  ];
}

/**
 * The resource groups as TypeScript: `RESOURCES`, each method's operationId, for the client to
 * call; and `ResourceOperations`, the same as a type whose members carry each method's
 * documentation, for the client's methods to be typed from (a mapped type keeps the comments).
 * @param {Record<string, Resource>} resources
 * @param {(value: unknown) => string} json
 */
function renderResources(resources, json) {
  const runtime = Object.entries(resources).map(([name, { methods }]) => {
    const ids = Object.fromEntries(Object.entries(methods).map(([m, doc]) => [m, doc.operationId]));
    return `  ${json(name)}: ${json(ids)},`;
  });
  // note: members are written bare, as editors show them (`list`, not `"list"`); only checked
  // identifiers are, anything else stays a string literal.
  const key = (/** @type {string} */ name) => (IDENTIFIER.test(name) ? name : json(name));
  const types = Object.entries(resources).map(([name, { tag, description, methods }]) => {
    const members = Object.entries(methods).map(
      ([method, doc]) =>
        `${docComment(methodDoc(doc), '    ')}\n    ${key(method)}: ${json(doc.operationId)};`,
    );
    const about = description ? `${tag}: ${description}` : tag;
    return `${docComment([about], '  ')}\n  ${key(name)}: {\n${members.join('\n')}\n  };`;
  });
  return [
    "/** The client's resource groups: each method's operationId, by group, then by method name. */",
    `export const RESOURCES = {\n${runtime.join('\n')}\n} as const;`,
    '',
    '/**',
    " * The client's resource groups as a type: each method's operationId, documented with the",
    " * operation's summary, route, roles and Atlas reference page.",
    ' */',
    `export interface ResourceOperations {\n${types.join('\n')}\n}`,
    '',
  ];
}

/**
 * The table as TypeScript source.
 * @param {Omit<OperationTable, 'resources'> & Partial<Pick<OperationTable, 'resources'>>} table
 * @returns {string}
 */
export function renderOperationTable(table) {
  const { operations, parameters, secretFields, versions, resources = {} } = table;
  if (versions.length === 0) {
    throw new GenerationError('the spec declares no versioned media type');
  }
  // note: every character past ASCII is written as an escape, so no bidi or invisible character
  // from upstream can make the source read differently from what it does.
  const json = (/** @type {unknown} */ value) =>
    JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const entries = (/** @type {object} */ object, /** @type {string} */ indent) =>
    Object.entries(object)
      .map(([key, value]) => `${indent}${json(key)}: ${json(value)},`)
      .join('\n');
  const rows = Object.entries(operations)
    .map(([id, row]) => `  ${json(id)}: {\n${entries(row, '    ')}\n  },`)
    .join('\n');
  return [
    '/** Every API version the spec declares, oldest first. */',
    `export const API_VERSIONS = ${json(versions)} as const;`,
    '',
    '/** The newest API version the spec declares: what a client asks for unless told otherwise. */',
    `export const LATEST_API_VERSION = ${json(versions.at(-1))} as const;`,
    '',
    '/** Response fields the spec marks `format: password`: secrets a client must not show. */',
    `export const SECRET_FIELDS = ${json(secretFields)} as const;`,
    '',
    '/** The enforceable rules of every parameter, by name. */',
    `export const PARAMETERS = {\n${entries(parameters, '  ')}\n} as const;`,
    '',
    '/** Each operation, by operationId: what a call sends, the values it fills in, what it checks. */',
    `export const OPERATIONS = {\n${rows}\n} as const;`,
    '',
    ...renderResources(resources, json),
  ].join('\n');
}
