import { isObject, type JsonObject } from '../openapi.js';
import type { Change, Direction } from './change.js';
import type { Compared, DiffPath, SchemaRoots } from './locate.js';
import { type RuleKind, report } from './rules.js';
import { type SchemaPlace, schemaPlace } from './schema-path.js';

/** One change api-smart-diff reported inside a schema, with where the schema is. */
export interface SchemaChange {
  readonly direction: Direction;
  readonly site: string;
  /** Names the schema when no named schema is on the way, e.g. `parameter pretty`. */
  readonly base: string;
  /** The path below `schema`. */
  readonly path: DiffPath;
  readonly roots: SchemaRoots;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Keywords whose larger value admits more. */
const UPPER_BOUNDS = new Set(['maxLength', 'maxItems', 'maxProperties', 'maximum']);
/** Keywords whose smaller value admits more. */
const LOWER_BOUNDS = new Set(['minLength', 'minItems', 'minProperties', 'minimum']);
/** Keywords that only admit fewer values when present or true. */
const RESTRICTIONS = [
  'pattern',
  'multipleOf',
  'uniqueItems',
  'exclusiveMaximum',
  'exclusiveMinimum',
];

/** Keywords that only document, each with the kind of change it makes. */
const DOCUMENTATION_KINDS = {
  description: 'description changed',
  $comment: 'description changed',
  summary: 'summary changed',
  title: 'title changed',
  example: 'example changed',
  examples: 'example changed',
  externalDocs: 'external docs changed',
} as const satisfies Record<string, RuleKind>;

/** Keywords that only document, each with the kind of change it makes. */
export const DOCUMENTATION: ReadonlyMap<
  string,
  (typeof DOCUMENTATION_KINDS)[keyof typeof DOCUMENTATION_KINDS]
> = new Map(Object.entries(DOCUMENTATION_KINDS));

/** The vendor extension the generator reads the client's defaults from. */
export const CLIENT_DEFAULT = 'x-client-default';

/**
 * A declared default (`x-client-default`) added, dropped or changed on a request field or
 * parameter named `field`: the generated table fills it in, and the method's type makes the
 * field optional, so unlike other vendor extensions it changes what callers write.
 */
export function clientDefaultChange(
  field: string,
  was: unknown,
  is: unknown,
  site: string,
): Change {
  const values = { field, was: show(was), is: show(is) };
  if (was === undefined) return report('declared default (x-client-default) added', site, values);
  if (is === undefined) return report('declared default (x-client-default) dropped', site, values);
  return report('declared default (x-client-default) changed', site, values);
}

/** A value as a summary line shows it: strings bare, anything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Tightening = 'tightened' | 'relaxed' | 'same';

/** Whether a constraint keyword admits fewer values (tightened) or more (relaxed) than before. */
function tightening(keyword: string, old: unknown, now: unknown): Tightening {
  if (old === now) return 'same';
  if (UPPER_BOUNDS.has(keyword) || LOWER_BOUNDS.has(keyword)) {
    if (typeof now !== 'number') return 'relaxed';
    if (typeof old !== 'number') return 'tightened';
    const admitsLess = UPPER_BOUNDS.has(keyword) ? now < old : now > old;
    return admitsLess ? 'tightened' : 'relaxed';
  }
  if (now === undefined || now === false) return 'relaxed';
  // note: a changed pattern or multipleOf may admit less; without proof it counts as tightened.
  return 'tightened';
}

/** A change inside a schema as the rules read it: the schema before and after, and its field. */
interface Seen {
  readonly input: SchemaChange;
  readonly compared: Compared;
  readonly old: SchemaPlace;
  readonly now: SchemaPlace;
  readonly keyword: string;
  /** A property's name, or an index in `enum` or `required`. */
  readonly key: string | number | undefined;
  /** The field as reported: `request field Req.name`. */
  readonly label: string;
  readonly site: string;
  readonly request: boolean;
}

/** The kind of a change in a schema: what the keyword's old and new values make of it. */
type SchemaRule = (seen: Seen) => Change[] | undefined;

function flag(node: JsonObject | undefined, keyword: string): boolean {
  return node?.[keyword] === true;
}

/** A field of the schema added or removed, judged by its direction and its read/write flags. */
function propertyChange(seen: Seen, name: string, added: boolean, value: unknown): Change {
  const { site, request } = seen;
  const parent = added ? seen.now.node : seen.old.node;
  const property = isObject(value) ? value : {};
  const field = `${seen.label}.${name}`;
  if (request && property.readOnly === true) {
    return report(
      added ? 'read-only request field added' : 'read-only request field removed',
      site,
      { field },
    );
  }
  if (!request && property.writeOnly === true) {
    return report(
      added ? 'write-only response field added' : 'write-only response field removed',
      site,
      { field },
    );
  }
  if (!request)
    return report(added ? 'response field added' : 'response field removed', site, { field });
  if (!added) return report('request field removed', site, { field });
  const required = Array.isArray(parent?.required) && parent.required.includes(name);
  return report(required ? 'required request field added' : 'optional request field added', site, {
    field,
  });
}

/** A field that exists before and after, newly required or no longer. */
function requiredChange(seen: Seen, name: string, nowRequired: boolean): Change | undefined {
  const { old, now, site, request } = seen;
  // note: a field added as required, or removed, is reported once, as the field's own change.
  const existed = isObject(old.node?.properties) && name in old.node.properties;
  const exists = isObject(now.node?.properties) && name in now.node.properties;
  if (!existed || !exists) return undefined;
  const kind = request
    ? nowRequired
      ? 'request field now required'
      : 'request field now optional'
    : nowRequired
      ? 'response field now always present'
      : 'response field now optional';
  return report(kind, site, { field: `${seen.label}.${name}` });
}

function enumChange({ old, now, label: field, site, request }: Seen): Change {
  const was = old.node?.enum;
  const is = now.node?.enum;
  if (!Array.isArray(was) || !Array.isArray(is)) {
    const introduced = Array.isArray(is);
    const values = { field, values: show(introduced ? is : was) };
    if (request) {
      return report(introduced ? 'request enum introduced' : 'request enum dropped', site, values);
    }
    return report(introduced ? 'response enum introduced' : 'response enum dropped', site, values);
  }
  const added = is.filter((value) => !was.includes(value));
  const removed = was.filter((value) => !is.includes(value));
  const changes = [
    added.length > 0 ? `gains ${added.map(show).join(', ')}` : '',
    removed.length > 0 ? `loses ${removed.map(show).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const kind = !changes
    ? 'enum reordered'
    : !request
      ? 'response enum value added or removed'
      : removed.length > 0
        ? 'request enum value removed'
        : 'request enum values only added';
  return report(kind, site, { field, changes });
}

/** Type and format: changed is breaking; set or dropped depends on the direction. */
function typeOrFormat(kinds: {
  readonly changed: 'type changed' | 'format changed';
  readonly requestSet: 'request type set' | 'request format set';
  readonly requestDropped: 'request type dropped' | 'request format dropped';
  readonly responseSet: 'response type set' | 'response format set';
  readonly responseDropped: 'response type dropped' | 'response format dropped';
}): SchemaRule {
  return ({ old, now, keyword, label: field, site, request }) => {
    const was = old.node?.[keyword];
    const is = now.node?.[keyword];
    const values = { field, was: show(was), is: show(is) };
    if (was !== undefined && is !== undefined) return [report(kinds.changed, site, values)];
    const set = is !== undefined;
    const kind = request
      ? set
        ? kinds.requestSet
        : kinds.requestDropped
      : set
        ? kinds.responseSet
        : kinds.responseDropped;
    return [report(kind, site, values)];
  };
}

/** A bound, a pattern or another keyword that narrows what is valid. */
const constraint: SchemaRule = ({ old, now, keyword, label: field, site, request }) => {
  const was = old.node?.[keyword];
  const is = now.node?.[keyword];
  const change =
    is === undefined
      ? `${show(was)} dropped`
      : `${was === undefined ? 'set to' : `changed from ${show(was)} to`} ${show(is)}`;
  const effect = tightening(keyword, was, is);
  const kind =
    effect === 'same'
      ? 'constraint restated'
      : !request
        ? 'response constraint changed'
        : effect === 'tightened'
          ? 'request constraint tightened'
          : 'request constraint relaxed';
  return [report(kind, site, { field, keyword, change })];
};

/** readOnly matters in requests only, writeOnly in responses only. */
const visibility: SchemaRule = ({ old, now, keyword, label: field, site, request, input }) => {
  const is = flag(now.node, keyword);
  const readOnly = keyword === 'readOnly';
  if (flag(old.node, keyword) === is || request !== readOnly) {
    return [
      report('readOnly or writeOnly where it has no effect', site, {
        keyword,
        direction: input.direction,
      }),
    ];
  }
  const kind = readOnly
    ? is
      ? 'request field becomes read-only'
      : 'request field no longer read-only'
    : is
      ? 'response field becomes write-only'
      : 'response field no longer write-only';
  return [report(kind, site, { field })];
};

/** The rules for changes inside a schema, by the keyword that changed. */
const SCHEMA_RULES: Readonly<Record<string, SchemaRule>> = {
  property: (seen) => {
    if (seen.key === undefined) return undefined;
    const added = seen.input.action === 'add';
    const value = added ? seen.input.after : seen.input.before;
    return [propertyChange(seen, String(seen.key), added, value)];
  },
  properties: (seen) => {
    if (seen.key !== undefined) return undefined;
    const added = seen.input.action === 'add';
    const map = added ? seen.input.after : seen.input.before;
    if (!isObject(map)) return undefined;
    return Object.entries(map).map(([name, value]) => propertyChange(seen, name, added, value));
  },
  required: (seen) => {
    const { input, old, now, key } = seen;
    const names =
      key === undefined
        ? [input.before, input.after].flat()
        : [input.action === 'add' ? input.after : input.before];
    const oldList = Array.isArray(old.node?.required) ? old.node.required : [];
    const nowList = Array.isArray(now.node?.required) ? now.node.required : [];
    return names
      .filter((name): name is string => typeof name === 'string')
      .filter((name) => oldList.includes(name) !== nowList.includes(name))
      .map((name) => requiredChange(seen, name, nowList.includes(name)))
      .filter((item): item is Change => item !== undefined);
  },
  nullable: ({ old, now, label: field, site, request }) => {
    const was = flag(old.node, 'nullable');
    const is = flag(now.node, 'nullable');
    const kind =
      was === is
        ? 'nullable restated'
        : request
          ? is
            ? 'request field becomes nullable'
            : 'request field no longer nullable'
          : is
            ? 'response field becomes nullable'
            : 'response field no longer nullable';
    return [report(kind, site, { field })];
  },
  enum: (seen) => [enumChange(seen)],
  format: typeOrFormat({
    changed: 'format changed',
    requestSet: 'request format set',
    requestDropped: 'request format dropped',
    responseSet: 'response format set',
    responseDropped: 'response format dropped',
  }),
  type: typeOrFormat({
    changed: 'type changed',
    requestSet: 'request type set',
    requestDropped: 'request type dropped',
    responseSet: 'response type set',
    responseDropped: 'response type dropped',
  }),
  ...Object.fromEntries(
    [...UPPER_BOUNDS, ...LOWER_BOUNDS, ...RESTRICTIONS].map((keyword) => [keyword, constraint]),
  ),
  readOnly: visibility,
  writeOnly: visibility,
  default: ({ old, now, label: field, site, request }) => {
    const values = { field, was: show(old.node?.default), is: show(now.node?.default) };
    const kind =
      request && old.node?.default !== undefined
        ? 'request field default changed'
        : 'default documented';
    return [report(kind, site, values)];
  },
  deprecated: ({ now, label: field, site }) => [
    report(flag(now.node, 'deprecated') ? 'field deprecated' : 'field no longer deprecated', site, {
      field,
    }),
  ],
  additionalProperties: ({ old, now, key, label: field, site, request }) => {
    if (key !== undefined) return undefined;
    const closed = now.node?.additionalProperties === false;
    const wasClosed = old.node?.additionalProperties === false;
    const kind =
      closed === wasClosed
        ? 'additional properties restated'
        : request
          ? closed
            ? 'request schema refuses additional properties'
            : 'request schema allows additional properties'
          : closed
            ? 'response schema refuses additional properties'
            : 'response schema allows additional properties';
    return [report(kind, site, { field })];
  },
};

/**
 * Classifies one change inside a schema by its direction: what we send (request bodies and
 * parameters) is hurt by tighter constraints, what we receive by looser guarantees. Undefined
 * when no rule here covers the keyword.
 */
export function schemaChanges(input: SchemaChange, compared: Compared): Change[] | undefined {
  const { direction, site, path, roots, action } = input;
  const old = schemaPlace(compared.before, roots.before, path, input.base);
  const now = schemaPlace(compared.after, roots.after, path, input.base);
  // note: named as it is now wherever the schema still exists, so a renamed schema reads alike.
  const { keyword, key } = action === 'remove' ? old : now;
  const label = `${direction} field ${now.node ? now.field : old.field}`;
  const request = direction === 'request';

  if (keyword === CLIENT_DEFAULT && request) {
    return [clientDefaultChange(label, old.node?.[keyword], now.node?.[keyword], site)];
  }
  if (keyword.startsWith('x-')) return [report('vendor extension (x-…) changed', site)];
  const documentation = DOCUMENTATION.get(keyword);
  if (documentation) return [report(documentation, site)];
  if (!Object.hasOwn(SCHEMA_RULES, keyword)) return undefined;
  const seen = { input, compared, old, now, keyword, key, label, site, request };
  return SCHEMA_RULES[keyword]?.(seen);
}
