import { merge } from 'allof-merge';
import { apiCompare, type ComapreOptions, type Diff } from 'api-smart-diff';
import { deref, HTTP_METHODS, isObject, type JsonObject } from '../openapi.js';
import type { Change, Direction } from './change.js';
import { CLIENT_METHOD, clientMethodChange, resourceGroupChanges } from './client-names.js';
import {
  type Compared,
  type DiffPath,
  type Location,
  locate,
  operationLabel,
  type SchemaRoots,
} from './locate.js';
import { alignVersions } from './media-types.js';
import { type RuleKind, report } from './rules.js';
import {
  CLIENT_DEFAULT,
  clientDefaultChange,
  DOCUMENTATION,
  type SchemaChange,
  schemaChanges,
} from './schema-rules.js';
import { securityChanges } from './security.js';

/** The rule for a change no rule here covers, by api-smart-diff's own class of it. */
const NO_RULE = {
  breaking: 'no rule; api-smart-diff says breaking',
  'non-breaking': 'no rule; api-smart-diff says non-breaking',
  deprecated: 'no rule; api-smart-diff says deprecated',
  annotation: 'no rule; api-smart-diff says annotation',
  unclassified: 'no rule; api-smart-diff says unclassified',
} as const satisfies Record<Diff['type'], RuleKind>;

function fallback(diff: Diff, site: string): Change {
  return report(NO_RULE[diff.type], site, { action: diff.action, path: diff.path.join('/') });
}

function changedValue(diff: Diff): unknown {
  return diff.action === 'remove' ? diff.before : diff.after;
}

/** A change api-smart-diff reported, placed in its part of an operation, as the rules read it. */
interface Seen<Part extends Location['part']> {
  readonly location: Extract<Location, { part: Part }>;
  readonly diff: Diff;
  readonly compared: Compared;
  /** The path below the part: empty when the part itself was added or removed. */
  readonly rest: DiffPath;
  readonly added: boolean;
  readonly site: string;
}

/** The kind of a change in one part: what the change makes of it; undefined when no rule fits. */
type PartRule<Part extends Location['part']> = (seen: Seen<Part>) => Change[] | undefined;

/** A part's rules by the keyword that changed; `''` is the part itself added or removed. */
type PartRules<Part extends Location['part']> = Readonly<Record<string, PartRule<Part>>>;

/** The rule for `keyword`, looked up among the table's own keys only (`constructor` is none). */
function own<Rule>(rules: Readonly<Record<string, Rule>>, keyword: string): Rule | undefined {
  return Object.hasOwn(rules, keyword) ? rules[keyword] : undefined;
}

/** Reported elsewhere: media types by `alignVersions`, security by `securityChanges`. */
const elsewhere = () => [];

/** Documentation keywords, the same in every part of an operation. */
const DOCUMENTED: PartRules<Location['part']> = Object.fromEntries(
  [...DOCUMENTATION].map(([keyword, kind]) => [keyword, ({ site }) => [report(kind, site)]]),
);

function operationChange(label: string, method: string, path: string, added: boolean): Change {
  return report(added ? 'operation added' : 'operation removed', undefined, {
    operation: label,
    method: method.toUpperCase(),
    path,
  });
}

function parameterLabel(parameter: JsonObject): string {
  return `parameter ${String(parameter.name)} (${String(parameter.in)})`;
}

function parameterChange(site: string, value: unknown, added: boolean): Change {
  const p = isObject(value) ? value : {};
  const kind = !added
    ? 'parameter removed'
    : p.required === true
      ? 'required parameter added'
      : 'optional parameter added';
  return report(kind, site, { parameter: parameterLabel(p) });
}

function headerChange(site: string, header: string, added: boolean): Change {
  return report(added ? 'response header added' : 'response header removed', site, { header });
}

/** Hands a change under `schema` to the schema rules, as `base` in `direction`. */
function inSchema(
  seen: Pick<Seen<'parameter'>, 'diff' | 'compared' | 'rest' | 'site'> & {
    readonly location: { readonly schemas: SchemaRoots };
  },
  direction: Direction,
  base: string,
): Change[] | undefined {
  const { diff, site, rest, location } = seen;
  const change: SchemaChange = {
    direction,
    site,
    base,
    path: rest.slice(1),
    roots: location.schemas,
    action: diff.action,
    before: diff.before,
    after: diff.after,
  };
  return schemaChanges(change, seen.compared);
}

/** A whole path item added or removed, or one of its operations. */
const pathItemOperations: PartRule<'path-item'> = ({ location, diff, rest, added }) => {
  const item = changedValue(diff);
  const methods =
    rest.length === 0
      ? HTTP_METHODS.filter((m) => isObject(item) && isObject(item[m]))
      : [String(rest[0])];
  return methods.map((method) => {
    const operation = rest.length === 0 && isObject(item) ? item[method] : item;
    const label = operationLabel(
      isObject(operation) ? operation : undefined,
      location.path,
      method,
    );
    return operationChange(label, method, location.path, added);
  });
};

/** The rules outside schemas, by the part of the document a change is in, then its keyword. */
const PART_RULES: { readonly [Part in Location['part']]: PartRules<Part> } = {
  document: {
    security: elsewhere,
    tags: ({ rest, diff }) => {
      const groups = resourceGroupChanges(rest, diff.before, diff.after);
      return groups.length > 0 ? groups : [report('document metadata changed', 'tags')];
    },
    servers: ({ rest }) => {
      const kind = DOCUMENTATION.get(String(rest.at(-1)));
      return [kind ? report(kind, 'servers') : report('servers changed', undefined)];
    },
    components: ({ rest }) => {
      // note: other components are reported through the operations that reach them.
      if (rest[1] !== 'securitySchemes' || rest.length <= 3) return [];
      const name = String(rest[2]);
      const site = `securitySchemes.${name}`;
      const kind = DOCUMENTATION.get(String(rest[3]));
      if (kind) return [report(kind, site)];
      return [report('security scheme changed', site, { name, fields: rest.slice(3).join('.') })];
    },
  },
  'path-item': {
    ...DOCUMENTED,
    '': pathItemOperations,
    ...Object.fromEntries(HTTP_METHODS.map((method) => [method, pathItemOperations])),
  },
  operation: {
    ...DOCUMENTED,
    '': ({ location, site, added }) => [
      operationChange(site, location.method, location.path, added),
    ],
    security: elsewhere,
    operationId: ({ diff, site }) => [
      report('operationId renamed', site, { was: String(diff.before), is: String(diff.after) }),
    ],
    deprecated: ({ diff, site }) => [
      report(diff.after === true ? 'operation deprecated' : 'operation no longer deprecated', site),
    ],
    tags: ({ site }) => [report('operation tags changed', site)],
    servers: ({ site }) => [report('operation servers changed', site)],
    parameters: ({ diff, compared, rest, added, site }) => {
      if (rest.length !== 1) return undefined;
      const document = added ? compared.after : compared.before;
      const list = deref(document, changedValue(diff));
      return (Array.isArray(list) ? list : []).map((p) =>
        parameterChange(site, deref(document, p), added),
      );
    },
  },
  parameter: {
    ...DOCUMENTED,
    '': ({ location, site, added }) => [parameterChange(site, location.parameter, added)],
    required: ({ location, diff, site }) => [
      report(diff.after === true ? 'parameter now required' : 'parameter now optional', site, {
        parameter: parameterLabel(location.parameter),
      }),
    ],
    schema: (seen) => inSchema(seen, 'request', parameterLabel(seen.location.parameter)),
    deprecated: ({ location, diff, site }) => [
      report(
        diff.after === true ? 'parameter deprecated' : 'parameter no longer deprecated',
        site,
        { parameter: parameterLabel(location.parameter) },
      ),
    ],
    ...Object.fromEntries(
      ['style', 'explode', 'allowReserved', 'name', 'in', 'content'].map((keyword) => [
        keyword,
        ({ location, site }: Seen<'parameter'>) => [
          report(
            'parameter serialized differently (style, explode, allowReserved, name, in, content)',
            site,
            { parameter: parameterLabel(location.parameter), keyword },
          ),
        ],
      ]),
    ),
  },
  'request-body': {
    ...DOCUMENTED,
    '': ({ diff, compared, site, added }) => {
      if (!added) return [report('request body removed', site)];
      const body = deref(compared.after, changedValue(diff));
      const required = isObject(body) && body.required === true;
      return [
        report(required ? 'required request body added' : 'optional request body added', site),
      ];
    },
    required: ({ diff, site }) => [
      report(diff.after === true ? 'request body now required' : 'request body now optional', site),
    ],
    content: elsewhere,
  },
  response: {
    ...DOCUMENTED,
    '': ({ location, site, added }) => [
      report(added ? 'response status added' : 'response status removed', site, {
        status: location.status,
      }),
    ],
    headers: ({ diff, rest, site, added }) => {
      if (rest.length !== 1) return undefined;
      const headers = changedValue(diff);
      return Object.keys(isObject(headers) ? headers : {}).map((name) =>
        headerChange(site, name, added),
      );
    },
    content: elsewhere,
  },
  header: {
    ...DOCUMENTED,
    '': ({ location, site, added }) => [headerChange(site, location.name, added)],
    schema: (seen) => inSchema(seen, 'response', `header ${seen.location.name}`),
    required: ({ location, diff, site }) => [
      report(
        diff.after === true ? 'response header now always sent' : 'response header now optional',
        site,
        { header: location.name },
      ),
    ],
  },
  'media-type': {
    ...DOCUMENTED,
    '': elsewhere,
    schema: (seen) =>
      seen.rest.length > 1 ? inSchema(seen, seen.location.direction, 'body') : undefined,
  },
};

/** The rules for a change that is not inside a schema, by the part of the operation it is in. */
function partChanges(location: Location, diff: Diff, compared: Compared): Change[] | undefined {
  const { rest } = location;
  const keyword = String(rest[0] ?? '');
  const site = 'site' in location ? location.site : 'document';
  if (keyword === CLIENT_DEFAULT && location.part === 'parameter' && rest.length === 1) {
    const label = parameterLabel(location.parameter);
    return [clientDefaultChange(label, diff.before, diff.after, site)];
  }
  if (keyword === CLIENT_METHOD && location.part === 'operation' && rest.length === 1) {
    return [clientMethodChange(diff.before, diff.after, site)];
  }
  if (keyword.startsWith('x-')) return [report('vendor extension (x-…) changed', site)];
  const rules: Readonly<Record<string, (seen: never) => Change[] | undefined>> =
    PART_RULES[location.part];
  // note: `''` names the part itself, never a key that happens to be empty.
  const rule = rest.length === 0 || keyword !== '' ? own(rules, keyword) : undefined;
  if (rule) {
    // note: the rules of `location.part` get a location of that part; TypeScript cannot
    // follow that correlation through the table, hence the cast.
    return rule({ location, diff, compared, rest, added: diff.action === 'add', site } as never);
  }
  if (location.part !== 'document') return undefined;
  return [report('document metadata changed', String(rest[0]))];
}

/** The documents api-smart-diff compares: the whole fragments, `before` with versions aligned. */
function diffsOf(before: JsonObject, after: JsonObject): Diff[] {
  // note: allOf is compared as written (none is left after mergeAllOf), so the paths it reports
  // can be followed in the documents (an option api-smart-diff's option type does not list).
  const options = { notMergeAllOf: true } as ComapreOptions;
  // note: api-smart-diff writes into the documents it is given (it fills in `enum: []` and
  // the like to line them up), so it gets copies and the rules read the originals.
  return apiCompare(structuredClone(before), structuredClone(after), options).diffs;
}

/**
 * The document with every `allOf` merged into one schema, so a schema that becomes an `allOf`
 * of itself and a few more constraints (as the overlay's create response does) is compared
 * field by field instead of as every field removed.
 */
function mergeAllOf(document: JsonObject): JsonObject {
  return merge(document, { source: document }) as JsonObject;
}

/**
 * Every change from `before` (the fragment being replaced; empty when there is none) to `after`,
 * each classified by the rules above in its direction.
 */
export function classifyChanges(original: JsonObject, changed: JsonObject): Change[] {
  const before = mergeAllOf(original);
  const after = mergeAllOf(changed);
  const aligned = alignVersions(before, after);
  const compared: Compared = { before: aligned.before, after };
  const changes: Change[] = [...aligned.changes, ...securityChanges(before, after)];
  for (const diff of diffsOf(aligned.before, after)) {
    const path = diff.path as DiffPath;
    const location = locate(compared, path, diff.action, changedValue(diff));
    const site = location && 'site' in location ? location.site : path.slice(0, 3).join(' ');
    const found = location ? partChanges(location, diff, compared) : undefined;
    changes.push(...(found ?? [fallback(diff, site)]));
  }
  return changes;
}
