// Builds the operation table the client is driven by: for each operation of the spec, what a
// call sends (method, path, which parameters go in the query, the body's fields, the values it
// fills in) and what it checks (validation rules, the success status); beside it, every
// parameter's rules, the secret fields of the responses, the versions the media types declare,
// and the client's resource groups: each operation's method, named by the rule of
// method-names.mjs, in the group its tag declares.
import { compareMethodNames, methodNameOf } from './method-names.mjs';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The rule keywords the client enforces; everything else in a schema is documentation. */
const RULE_KEYWORDS = ['type', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum'];
const VERSIONED_MEDIA_TYPE = /^application\/vnd\.atlas\.([\w.-]+)\+json$/;

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
const INTEGER_FORMATS = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** An input the generator refuses: one line, naming what is wrong and where. */
export class GenerationError extends Error {
  name = 'GenerationError';
}

/** Upstream text quoted for a message, with anything a terminal would act on escaped. */
function quote(text) {
  return JSON.stringify(String(text)).replace(
    /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Returns `name` when it matches `pattern`; otherwise refuses it, saying what was expected. */
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

/** Follows a local `$ref` (`#/components/...`), repeatedly; other values are returned as they are. */
function resolve(spec, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new GenerationError(`$ref cycle at ${quote(node.$ref)}`);
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) {
      throw new GenerationError(`only local $refs (#/…) are supported, not ${quote(pointer)}`);
    }
    current = pointer
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((value, key) => value?.[key], spec);
    if (current === undefined) throw new GenerationError(`dangling $ref ${quote(pointer)}`);
  }
  return current;
}

/** The enforceable part of a schema, in a fixed key order. */
function ruleOf(spec, schema) {
  const resolved = resolve(spec, schema) ?? {};
  const rule = {};
  for (const keyword of RULE_KEYWORDS) {
    if (resolved[keyword] !== undefined) rule[keyword] = resolved[keyword];
  }
  // note: an integer's format bounds it as surely as minimum and maximum do (an int32 past
  // 2147483647 is refused by the server), so the tighter of the two is the rule.
  const bounds = resolved.type === 'integer' ? INTEGER_FORMATS[resolved.format] : undefined;
  if (bounds) {
    rule.minimum = Math.max(rule.minimum ?? bounds[0], bounds[0]);
    rule.maximum = Math.min(rule.maximum ?? bounds[1], bounds[1]);
  }
  if (resolved.nullable === true) rule.nullable = true;
  return rule;
}

/** The version of each `application/vnd.atlas.<version>+json` media type, in spec order. */
function versionsOf(content) {
  return Object.keys(content ?? {})
    .map((mediaType) => VERSIONED_MEDIA_TYPE.exec(mediaType)?.[1])
    .filter((version) => version !== undefined);
}

/** Names of the properties marked `format: password`, in a response schema and its `results` items. */
function secretFieldsOf(spec, schema, seen = new Set()) {
  const resolved = resolve(spec, schema);
  if (!resolved || seen.has(resolved)) return [];
  seen.add(resolved);
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

/** The request body: its writable fields' rules, which are required, and their declared defaults. */
function bodyOf(spec, requestBody, where, defaults) {
  if (!requestBody) return undefined;
  const resolved = resolve(spec, requestBody);
  const [firstMediaType] = Object.values(resolved.content ?? {});
  const schema = resolve(spec, firstMediaType?.schema) ?? {};
  const fields = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    checkName(name, QUERY_KEY, 'request body field', where);
    // note: read-only properties are never sent.
    if (resolve(spec, property)?.readOnly === true) continue;
    fields[name] = ruleOf(spec, property);
    const value = clientDefaultOf(
      spec,
      [property],
      fields[name],
      `request body field ${quote(name)} of ${where}`,
    );
    if (value !== undefined) defaults[name] = value;
  }
  const required = (schema.required ?? []).filter((name) => name in fields);
  return { fields, requiredFields: required };
}

/** One row of the table for `operation`, at `method` and `path`, and the rules of its parameters. */
function rowOf(spec, path, method, operation, pathItem) {
  const query = [];
  const requiredQuery = [];
  const rules = {};
  const defaults = {};
  const where = `${method.toUpperCase()} ${quote(path)}`;
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const resolved = resolve(spec, parameter);
    if (resolved.in !== 'query' && resolved.in !== 'path') {
      throw new GenerationError(`${quote(resolved.in)} parameters are not supported (${where})`);
    }
    const inQuery = resolved.in === 'query';
    checkName(resolved.name, inQuery ? QUERY_KEY : IDENTIFIER, `${resolved.in} parameter`, where);
    const rule = ruleOf(spec, resolved.schema);
    rules[resolved.name] = rule;
    const what = `${resolved.in} parameter ${quote(resolved.name)} of ${where}`;
    const value = clientDefaultOf(spec, [resolved, resolved.schema], rule, what);
    if (value !== undefined) defaults[resolved.name] = value;
    if (inQuery) {
      query.push(resolved.name);
      if (resolved.required) requiredQuery.push(resolved.name);
    }
  }
  const [status, success] = Object.entries(operation.responses ?? {}).find(([code]) =>
    /^2\d\d$/.test(code),
  ) ?? ['200', {}];
  const response = resolve(spec, success);
  const [firstContent] = Object.values(response.content ?? {});
  const responseSchema = resolve(spec, firstContent?.schema);
  const results = resolve(spec, responseSchema?.properties?.results);
  const paginated =
    results?.type === 'array' && query.includes('pageNum') && query.includes('itemsPerPage');
  const body = bodyOf(spec, operation.requestBody, where, defaults);
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

/** The resource group each tag's operations go in, by tag name, as `x-client-resource` declares it. */
function resourceNamesOf(spec) {
  const names = new Map();
  for (const tag of spec.tags ?? []) {
    if (tag?.[CLIENT_RESOURCE] === undefined) continue;
    const where = `tag ${quote(tag.name)}`;
    names.set(tag.name, checkName(tag[CLIENT_RESOURCE], IDENTIFIER, CLIENT_RESOURCE, where));
  }
  return names;
}

/** Text from the spec for a doc comment: one line, nothing that ends the comment or hides in it. */
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
  checkName(name, IDENTIFIER, 'method name', `${id} (${where})`);
  const docsUrl = operation['x-xgen-docs-url'];
  if (docsUrl !== undefined && !/^https:\/\/[!-~]+$/.test(docsUrl)) {
    throw new GenerationError(
      `x-xgen-docs-url of ${id} must be an https URL, not ${quote(docsUrl)}`,
    );
  }
  const roles = operation['x-rolesRequirements'];
  return {
    resource,
    name,
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
 */
export function operationTable(spec) {
  const operations = {};
  const parameters = {};
  const secretFields = new Set();
  const versions = new Set();
  const resourceNames = resourceNamesOf(spec);
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
      const [tag] = operation.tags;
      const description = descriptions[tag];
      resources[client.resource] ??= {
        tag: String(tag),
        ...(description ? { description: String(description) } : {}),
        methods: {},
      };
      const taken = resources[client.resource].methods[client.name];
      if (taken) {
        throw new GenerationError(
          `${taken.operationId} and ${id} are both named ${client.resource}.${client.name}: declare ${CLIENT_METHOD} on one of them in the overlay`,
        );
      }
      resources[client.resource].methods[client.name] = { operationId: id, ...client.doc };
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

/** The resource groups in the order of the tags that declare them, each's methods in reading order. */
function ordered(resources, names) {
  return Object.fromEntries(
    names
      .filter((name) => name in resources)
      .map((name) => {
        const { methods, ...group } = resources[name];
        const sorted = Object.keys(methods).sort(compareMethodNames);
        return [
          name,
          { ...group, methods: Object.fromEntries(sorted.map((m) => [m, methods[m]])) },
        ];
      }),
  );
}

/** A doc comment of `lines` at `indent`, each made safe for one by `docText`. */
function docComment(lines, indent) {
  const body = lines.map((line) => (line ? `${indent} * ${docText(line)}` : `${indent} *`));
  return [`${indent}/**`, ...body, `${indent} */`].join('\n');
}

/** The documentation of one method: what it does, its route and operationId, roles, reference page. */
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
 */
function renderResources(resources, json) {
  const runtime = Object.entries(resources).map(([name, { methods }]) => {
    const ids = Object.fromEntries(Object.entries(methods).map(([m, doc]) => [m, doc.operationId]));
    return `  ${json(name)}: ${json(ids)},`;
  });
  // note: members are written bare, as editors show them (`list`, not `"list"`); only checked
  // identifiers are, anything else stays a string literal.
  const key = (name) => (IDENTIFIER.test(name) ? name : json(name));
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

/** The table as TypeScript source. */
export function renderOperationTable(table) {
  const { operations, parameters, secretFields, versions, resources = {} } = table;
  if (versions.length === 0) {
    throw new GenerationError('the spec declares no versioned media type');
  }
  // note: every character past ASCII is written as an escape, so no bidi or invisible character
  // from upstream can make the source read differently from what it does.
  const json = (value) =>
    JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const entries = (object, indent) =>
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
