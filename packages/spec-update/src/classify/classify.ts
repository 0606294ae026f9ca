import { merge } from 'allof-merge';
import { apiCompare, type ComapreOptions, type Diff } from 'api-smart-diff';
import { deref, HTTP_METHODS, isObject, type JsonObject } from '../openapi.js';
import type { Change, ChangeClass } from './change.js';
import { CLIENT_METHOD, clientMethodChange, resourceGroupChanges } from './client-names.js';
import { type Compared, type DiffPath, type Location, locate, operationLabel } from './locate.js';
import { alignVersions } from './media-types.js';
import {
  CLIENT_DEFAULT,
  clientDefaultChange,
  DOCUMENTATION,
  documentationChange,
  extensionChange,
  schemaChanges,
} from './schema-rules.js';
import { securityChanges } from './security.js';

/** api-smart-diff's own classes, used only where no rule here covers a change. */
const FALLBACK: Record<string, ChangeClass> = {
  breaking: 'breaking',
  'non-breaking': 'fix',
  deprecated: 'fix',
  annotation: 'fix',
  unclassified: 'none',
};

function fallback(diff: Diff, site: string): Change {
  return {
    class: FALLBACK[diff.type] ?? 'none',
    what: `${diff.action} at ${diff.path.join('/')}`,
    why: `no rule here covers it; api-smart-diff calls it ${diff.type}`,
    site,
  };
}

function changedValue(diff: Diff): unknown {
  return diff.action === 'remove' ? diff.before : diff.after;
}

function operationAdded(site: string, method: string, path: string, added: boolean): Change {
  return added
    ? {
        class: 'feature',
        what: `operation ${site} added (${method.toUpperCase()} ${path})`,
        why: 'a new call',
      }
    : {
        class: 'breaking',
        what: `operation ${site} removed (${method.toUpperCase()} ${path})`,
        why: 'calls to it fail and typed code that uses it no longer compiles',
      };
}

function parameterAdded(site: string, parameter: unknown, added: boolean): Change {
  const p = isObject(parameter) ? parameter : {};
  const label = `parameter ${String(p.name)} (${String(p.in)})`;
  if (!added) {
    return {
      class: 'breaking',
      what: `${label} removed`,
      why: 'typed callers that pass it no longer compile',
      site,
    };
  }
  return p.required === true
    ? { class: 'breaking', what: `required ${label} added`, why: 'callers must now send it', site }
    : { class: 'feature', what: `optional ${label} added`, why: 'callers may send it', site };
}

/** Rules for a change that is not inside a schema, by the part of the operation it is in. */
function partChanges(location: Location, diff: Diff, compared: Compared): Change[] | undefined {
  const { rest } = location;
  const keyword = String(rest[0] ?? '');
  const added = diff.action === 'add';
  const site = 'site' in location ? location.site : 'document';
  if (keyword === CLIENT_DEFAULT && location.part === 'parameter' && rest.length === 1) {
    const label = `parameter ${String(location.parameter.name)} (${String(location.parameter.in)})`;
    return [clientDefaultChange(label, diff.before, diff.after, site)];
  }
  if (keyword === CLIENT_METHOD && location.part === 'operation' && rest.length === 1) {
    return [clientMethodChange(diff.before, diff.after, site)];
  }
  if (keyword.startsWith('x-')) return [extensionChange(site)];
  switch (location.part) {
    case 'document': {
      if (rest[0] === 'security') return [];
      const groups = rest[0] === 'tags' ? resourceGroupChanges(rest, diff.before, diff.after) : [];
      if (groups.length > 0) return groups;
      if (rest[0] === 'servers') {
        const field = String(rest.at(-1));
        if (DOCUMENTATION.has(field)) return [documentationChange(field, 'servers')];
        return [
          {
            class: 'fix',
            what: 'servers changed',
            why: 'the client takes its base URL from its own options',
          },
        ];
      }
      if (rest[0] === 'components' && rest[1] === 'securitySchemes' && rest.length > 3) {
        const name = String(rest[2]);
        const field = String(rest[3]);
        return DOCUMENTATION.has(field)
          ? [documentationChange(field, `securitySchemes.${name}`)]
          : [
              {
                class: 'breaking',
                what: `security scheme ${name} changed (${rest.slice(3).join('.')})`,
                why: 'clients authenticate differently',
                site: `securitySchemes.${name}`,
              },
            ];
      }
      // note: other components are reported through the operations that reach them.
      if (rest[0] === 'components') return [];
      return [
        {
          class: 'none',
          what: 'document metadata changed',
          why: 'no effect on the types or the calls',
          site: String(rest[0]),
        },
      ];
    }
    case 'path-item': {
      if (rest.length === 0 || HTTP_METHODS.includes(keyword as never)) {
        const item = changedValue(diff);
        const methods =
          rest.length === 0
            ? HTTP_METHODS.filter((m) => isObject(item) && isObject(item[m]))
            : [keyword];
        return methods.map((method) => {
          const operation = rest.length === 0 && isObject(item) ? item[method] : item;
          return operationAdded(
            operationLabel(isObject(operation) ? operation : undefined, location.path, method),
            method,
            location.path,
            added,
          );
        });
      }
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, location.path)];
      return undefined;
    }
    case 'operation': {
      if (rest.length === 0) return [operationAdded(site, location.method, location.path, added)];
      if (keyword === 'security') return [];
      if (keyword === 'operationId') {
        return [
          {
            class: 'breaking',
            what: `operationId ${String(diff.before)} renamed ${String(diff.after)}`,
            why: 'the client method and the `operations` type follow it',
            site,
          },
        ];
      }
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
      if (keyword === 'deprecated') {
        return [
          {
            class: 'fix',
            what: `operation ${diff.after === true ? 'deprecated' : 'no longer deprecated'}`,
            why: 'it still works',
            site,
          },
        ];
      }
      if (keyword === 'tags')
        return [{ class: 'none', what: 'operation tags changed', why: 'grouping only', site }];
      if (keyword === 'servers')
        return [
          {
            class: 'fix',
            what: 'operation servers changed',
            why: 'the client takes its base URL from its own options',
            site,
          },
        ];
      if (keyword === 'parameters' && rest.length === 1) {
        const list = deref(added ? compared.after : compared.before, changedValue(diff));
        const document = added ? compared.after : compared.before;
        return (Array.isArray(list) ? list : []).map((p) =>
          parameterAdded(site, deref(document, p), added),
        );
      }
      return undefined;
    }
    case 'parameter': {
      const name = `parameter ${String(location.parameter.name)} (${String(location.parameter.in)})`;
      if (rest.length === 0) return [parameterAdded(site, location.parameter, added)];
      if (keyword === 'required') {
        return diff.after === true
          ? [
              {
                class: 'breaking',
                what: `${name} now required`,
                why: 'callers that omit it are refused',
                site,
              },
            ]
          : [
              {
                class: 'fix',
                what: `${name} now optional`,
                why: 'a request constraint relaxed',
                site,
              },
            ];
      }
      if (keyword === 'schema') {
        return schemaChanges(
          {
            direction: 'request',
            site,
            base: name,
            path: rest.slice(1),
            roots: location.schemas,
            action: diff.action,
            before: diff.before,
            after: diff.after,
          },
          compared,
        );
      }
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
      if (keyword === 'deprecated')
        return [
          {
            class: 'fix',
            what: `${name} ${diff.after === true ? 'deprecated' : 'no longer deprecated'}`,
            why: 'it still works',
            site,
          },
        ];
      if (['style', 'explode', 'allowReserved', 'name', 'in', 'content'].includes(keyword)) {
        return [
          {
            class: 'breaking',
            what: `${name} serialization changed (${keyword})`,
            why: 'the server reads it differently',
            site,
          },
        ];
      }
      return undefined;
    }
    case 'request-body': {
      if (rest.length === 0) {
        const body = deref(added ? compared.after : compared.before, changedValue(diff));
        const required = isObject(body) && body.required === true;
        return added
          ? [
              required
                ? {
                    class: 'breaking',
                    what: 'required request body added',
                    why: 'callers must now send one',
                    site,
                  }
                : {
                    class: 'feature',
                    what: 'optional request body added',
                    why: 'callers may send one',
                    site,
                  },
            ]
          : [
              {
                class: 'breaking',
                what: 'request body removed',
                why: 'typed callers that send one no longer compile',
                site,
              },
            ];
      }
      if (keyword === 'required') {
        return diff.after === true
          ? [
              {
                class: 'breaking',
                what: 'request body now required',
                why: 'callers that omit it are refused',
                site,
              },
            ]
          : [
              {
                class: 'fix',
                what: 'request body now optional',
                why: 'a request constraint relaxed',
                site,
              },
            ];
      }
      // note: media types added or removed are reported by alignVersions.
      if (keyword === 'content') return [];
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
      return undefined;
    }
    case 'response': {
      if (rest.length === 0) {
        return added
          ? [
              {
                class: 'feature',
                what: `response ${location.status} added`,
                why: 'a documented outcome the types now describe',
                site,
              },
            ]
          : [
              {
                class: 'breaking',
                what: `response ${location.status} removed`,
                why: 'typed code that reads it no longer compiles',
                site,
              },
            ];
      }
      if (keyword === 'headers' && rest.length === 1) {
        const headers = changedValue(diff);
        return Object.keys(isObject(headers) ? headers : {}).map((name) =>
          headerAdded(site, name, added),
        );
      }
      if (keyword === 'content') return [];
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
      return undefined;
    }
    case 'header': {
      if (rest.length === 0) return [headerAdded(site, location.name, added)];
      if (keyword === 'schema') {
        return schemaChanges(
          {
            direction: 'response',
            site,
            base: `header ${location.name}`,
            path: rest.slice(1),
            roots: location.schemas,
            action: diff.action,
            before: diff.before,
            after: diff.after,
          },
          compared,
        );
      }
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
      if (keyword === 'required') {
        return diff.after === true
          ? [
              {
                class: 'fix',
                what: `response header ${location.name} now always sent`,
                why: 'clients may rely on it',
                site,
              },
            ]
          : [
              {
                class: 'breaking',
                what: `response header ${location.name} now optional`,
                why: 'clients must handle its absence',
                site,
              },
            ];
      }
      return undefined;
    }
    case 'media-type': {
      if (rest.length === 0) return [];
      if (keyword === 'schema' && rest.length > 1) {
        return schemaChanges(
          {
            direction: location.direction,
            site,
            base: 'body',
            path: rest.slice(1),
            roots: location.schemas,
            action: diff.action,
            before: diff.before,
            after: diff.after,
          },
          compared,
        );
      }
      if (DOCUMENTATION.has(keyword)) return [documentationChange(keyword, site)];
      return undefined;
    }
  }
}

function headerAdded(site: string, name: string, added: boolean): Change {
  return added
    ? { class: 'feature', what: `response header ${name} added`, why: 'clients may read it', site }
    : {
        class: 'breaking',
        what: `response header ${name} removed`,
        why: 'clients that read it get nothing',
        site,
      };
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
