import { isObject, type JsonObject } from '../openapi.js';
import type { Change, ChangeClass, Direction } from './change.js';
import type { Compared, DiffPath, SchemaRoots } from './locate.js';
import { schemaPlace } from './schema-path.js';

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
const RESTRICTIONS = new Set([
  'pattern',
  'multipleOf',
  'uniqueItems',
  'exclusiveMaximum',
  'exclusiveMinimum',
]);
/** Keywords that only document. */
export const DOCUMENTATION = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  '$comment',
]);

/** How documentation-only changes are reported: one line per kind, whatever the place. */
export function documentationChange(keyword: string, site: string): Change {
  const kind =
    keyword === 'example' || keyword === 'examples'
      ? 'examples'
      : keyword === 'externalDocs'
        ? 'external documentation links'
        : keyword === 'summary'
          ? 'summaries'
          : keyword === 'title'
            ? 'titles'
            : 'descriptions';
  return {
    class: 'fix',
    what: `${kind} changed`,
    why: 'documentation only; the doc comments of the generated types change',
    site,
  };
}

/** A vendor extension changed: neither the types nor the wire change. */
export function extensionChange(site: string): Change {
  return {
    class: 'none',
    what: 'vendor extensions (x-…) changed',
    why: 'read by no generator or client here',
    site,
  };
}

/** The vendor extension the generator reads the client's defaults from. */
export const CLIENT_DEFAULT = 'x-client-default';

/**
 * A declared default (`x-client-default`) added, dropped or changed on a request field or
 * parameter named `label`: the generated table fills it in, and the method's type makes the
 * field optional, so unlike other vendor extensions it changes what callers write.
 */
export function clientDefaultChange(
  label: string,
  was: unknown,
  is: unknown,
  site: string,
): Change {
  if (was === undefined) {
    return change(
      'feature',
      `${label} defaults to ${show(is)}`,
      'callers may leave it out; the client sends the default',
      site,
    );
  }
  if (is === undefined) {
    return change(
      'breaking',
      `${label} default ${show(was)} dropped`,
      'callers that leave it out no longer compile',
      site,
    );
  }
  return change(
    'breaking',
    `${label} default changed from ${show(was)} to ${show(is)}`,
    'callers that leave it out send another value',
    site,
  );
}

function show(value: unknown): string {
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

function change(cls: ChangeClass, what: string, why: string, site: string): Change {
  return { class: cls, what, why, site };
}

function propertyChanges(
  input: SchemaChange,
  field: string,
  name: string,
  added: boolean,
  value: unknown,
  parent: JsonObject | undefined,
): Change {
  const { direction, site } = input;
  const property = isObject(value) ? value : {};
  const label = `${direction} field ${field}.${name}`;
  const hidden = direction === 'request' ? property.readOnly === true : property.writeOnly === true;
  if (hidden) {
    return change(
      'none',
      `${label} ${added ? 'added' : 'removed'} (${direction === 'request' ? 'read-only' : 'write-only'})`,
      `it never travels in ${direction === 'request' ? 'requests' : 'responses'}`,
      site,
    );
  }
  if (direction === 'request') {
    if (!added)
      return change(
        'breaking',
        `${label} removed`,
        'typed callers that send it no longer compile',
        site,
      );
    const required = Array.isArray(parent?.required) && parent.required.includes(name);
    return required
      ? change('breaking', `${label} added as required`, 'callers must now send it', site)
      : change('feature', `optional ${label} added`, 'callers may send it', site);
  }
  return added
    ? change('feature', `${label} added`, 'consumers may read it', site)
    : change('breaking', `${label} removed`, 'code that reads it gets undefined', site);
}

function requiredChange(
  input: SchemaChange,
  field: string,
  name: string,
  nowRequired: boolean,
  old: JsonObject | undefined,
  now: JsonObject | undefined,
): Change | undefined {
  // note: a field added as required, or removed, is reported once, as the field's own change.
  const existed = isObject(old?.properties) && name in old.properties;
  const exists = isObject(now?.properties) && name in now.properties;
  if (!existed || !exists) return undefined;
  const { direction, site } = input;
  const label = `${direction} field ${field}.${name}`;
  if (direction === 'request') {
    return nowRequired
      ? change('breaking', `${label} now required`, 'callers that omit it are refused', site)
      : change('fix', `${label} now optional`, 'a request constraint relaxed', site);
  }
  return nowRequired
    ? change('fix', `${label} now always present`, 'consumers may rely on it; nothing breaks', site)
    : change('breaking', `${label} now optional`, 'typed consumers must handle its absence', site);
}

function enumChange(input: SchemaChange, field: string, old: unknown, now: unknown): Change {
  const { direction, site } = input;
  const label = `${direction} field ${field}`;
  if (!Array.isArray(old) || !Array.isArray(now)) {
    const introduced = Array.isArray(now);
    if (direction === 'request') {
      return introduced
        ? change(
            'breaking',
            `${label} limited to ${show(now)}`,
            'a request constraint tightened',
            site,
          )
        : change(
            'fix',
            `${label} no longer limited to ${show(old)}`,
            'a request constraint relaxed',
            site,
          );
    }
    return introduced
      ? change(
          'fix',
          `${label} documented as one of ${show(now)}`,
          'the values received stay valid',
          site,
        )
      : change(
          'breaking',
          `${label} no longer limited to ${show(old)}`,
          'values outside the old list may arrive',
          site,
        );
  }
  const added = now.filter((value) => !old.includes(value));
  const removed = old.filter((value) => !now.includes(value));
  const parts = [
    added.length > 0 ? `gains ${added.map(show).join(', ')}` : '',
    removed.length > 0 ? `loses ${removed.map(show).join(', ')}` : '',
  ].filter(Boolean);
  const what = `${label} enum ${parts.join(' and ') || 'reordered'}`;
  if (parts.length === 0) return change('none', what, 'the same values', site);
  if (direction === 'response') {
    return change(
      'breaking',
      what,
      'a response enum changed: typed consumers handling every value break',
      site,
    );
  }
  return removed.length > 0
    ? change(
        'breaking',
        what,
        'a request constraint tightened: values that were valid are refused',
        site,
      )
    : change('fix', what, 'a request constraint relaxed', site);
}

function flag(node: JsonObject | undefined, keyword: string): boolean {
  return node?.[keyword] === true;
}

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
  const field = now.node ? now.field : old.field;
  const label = `${direction} field ${field}`;

  if (keyword === CLIENT_DEFAULT && direction === 'request') {
    return [clientDefaultChange(label, old.node?.[keyword], now.node?.[keyword], site)];
  }
  if (keyword.startsWith('x-')) return [extensionChange(site)];
  if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
  if (keyword === 'property' && key !== undefined) {
    const added = action === 'add';
    const value = added ? input.after : input.before;
    return [propertyChanges(input, field, String(key), added, value, added ? now.node : old.node)];
  }
  if (keyword === 'properties' && key === undefined) {
    const added = action === 'add';
    const map = added ? input.after : input.before;
    if (!isObject(map)) return undefined;
    return Object.entries(map).map(([name, value]) =>
      propertyChanges(input, field, name, added, value, added ? now.node : old.node),
    );
  }
  if (keyword === 'required') {
    const names =
      key === undefined
        ? [input.before, input.after].flat()
        : [action === 'add' ? input.after : input.before];
    const oldList = Array.isArray(old.node?.required) ? old.node.required : [];
    const nowList = Array.isArray(now.node?.required) ? now.node.required : [];
    return names
      .filter((name): name is string => typeof name === 'string')
      .filter((name) => oldList.includes(name) !== nowList.includes(name))
      .map((name) => requiredChange(input, field, name, nowList.includes(name), old.node, now.node))
      .filter((item): item is Change => item !== undefined);
  }
  if (keyword === 'nullable') {
    const was = flag(old.node, 'nullable');
    const is = flag(now.node, 'nullable');
    if (was === is) return [change('none', `${label} nullable flag restated`, 'no effect', site)];
    if (direction === 'response') {
      return [
        is
          ? change('breaking', `${label} may now be null`, 'typed consumers must handle null', site)
          : change('fix', `${label} is no longer null`, 'consumers may rely on a value', site),
      ];
    }
    return [
      is
        ? change('fix', `${label} now accepts null`, 'a request constraint relaxed', site)
        : change(
            'breaking',
            `${label} no longer accepts null`,
            'callers that send null are refused',
            site,
          ),
    ];
  }
  if (keyword === 'enum') return [enumChange(input, field, old.node?.enum, now.node?.enum)];
  if (keyword === 'format') {
    const was = old.node?.format;
    const is = now.node?.format;
    if (was !== undefined && is !== undefined) {
      return [
        change(
          'breaking',
          `${label} format changed from ${show(was)} to ${show(is)}`,
          'values in the old format no longer fit',
          site,
        ),
      ];
    }
    const what =
      is === undefined
        ? `${label} format ${show(was)} no longer documented`
        : `${label} format set to ${show(is)}`;
    const tightened = is !== undefined && direction === 'request';
    return [
      tightened
        ? change('breaking', what, 'a request constraint tightened', site)
        : change(
            'fix',
            what,
            direction === 'request'
              ? 'a request constraint relaxed'
              : 'the type is unchanged; only its documented format',
            site,
          ),
    ];
  }
  if (keyword === 'type') {
    const was = old.node?.[keyword];
    const is = now.node?.[keyword];
    const what = `${label} ${keyword} ${was === undefined ? 'set to' : `changed from ${show(was)} to`} ${show(is)}`;
    if (was !== undefined && is !== undefined) {
      return [
        change(
          'breaking',
          what,
          `a schema ${keyword} changed: values of the old ${keyword} no longer fit`,
          site,
        ),
      ];
    }
    const tightened = is !== undefined;
    if (direction === 'request') {
      return [
        tightened
          ? change('breaking', what, 'a request constraint tightened', site)
          : change(
              'fix',
              `${label} ${keyword} ${show(was)} dropped`,
              'a request constraint relaxed',
              site,
            ),
      ];
    }
    return [
      tightened
        ? change('fix', what, 'documents what is received', site)
        : change(
            'breaking',
            `${label} ${keyword} ${show(was)} dropped`,
            'values of any type may arrive',
            site,
          ),
    ];
  }
  if (UPPER_BOUNDS.has(keyword) || LOWER_BOUNDS.has(keyword) || RESTRICTIONS.has(keyword)) {
    const was = old.node?.[keyword];
    const is = now.node?.[keyword];
    const what =
      is === undefined
        ? `${label} ${keyword} ${show(was)} dropped`
        : `${label} ${keyword} ${was === undefined ? 'set to' : `changed from ${show(was)} to`} ${show(is)}`;
    const effect = tightening(keyword, was, is);
    if (effect === 'same') return [change('none', what, 'no effect', site)];
    if (direction === 'response') {
      return [change('fix', what, 'describes what is received; the types do not change', site)];
    }
    return [
      effect === 'tightened'
        ? change(
            'breaking',
            what,
            'a request constraint tightened: values that were valid are refused',
            site,
          )
        : change('fix', what, 'a request constraint relaxed', site),
    ];
  }
  if (keyword === 'readOnly' || keyword === 'writeOnly') {
    const is = flag(now.node, keyword);
    const relevant = (direction === 'request') === (keyword === 'readOnly');
    if (flag(old.node, keyword) === is || !relevant) {
      return [
        change(
          'none',
          `${keyword} flags changed where they have no effect`,
          `a ${keyword} field in a ${direction} means nothing`,
          site,
        ),
      ];
    }
    const travels = direction === 'request' ? 'sent' : 'returned';
    return [
      is
        ? change(
            'breaking',
            `${label} became ${keyword === 'readOnly' ? 'read-only' : 'write-only'}`,
            `it is no longer ${travels}`,
            site,
          )
        : change(
            'feature',
            `${label} is no longer ${keyword === 'readOnly' ? 'read-only' : 'write-only'}`,
            `it may now be ${travels}`,
            site,
          ),
    ];
  }
  if (keyword === 'default') {
    const what = `${label} default ${show(old.node?.default)} → ${show(now.node?.default)}`;
    if (direction === 'request' && old.node?.default !== undefined) {
      return [change('breaking', what, 'callers that omit it get another behaviour', site)];
    }
    return [change('fix', what, 'documents a default', site)];
  }
  if (keyword === 'deprecated') {
    return [
      change(
        'fix',
        `${label} ${flag(now.node, 'deprecated') ? 'deprecated' : 'no longer deprecated'}`,
        'it still works',
        site,
      ),
    ];
  }
  if (keyword === 'additionalProperties' && key === undefined) {
    const closed = now.node?.additionalProperties === false;
    const wasClosed = old.node?.additionalProperties === false;
    if (closed === wasClosed) {
      return [change('none', `${label} additional properties restated`, 'no effect', site)];
    }
    if (direction === 'request' && closed) {
      return [
        change(
          'breaking',
          `${label} refuses additional properties`,
          'a request constraint tightened',
          site,
        ),
      ];
    }
    return [
      change(
        'fix',
        `${label} additional properties ${closed ? 'refused' : 'allowed'}`,
        direction === 'request' ? 'a request constraint relaxed' : 'describes what is received',
        site,
      ),
    ];
  }
  return undefined;
}
