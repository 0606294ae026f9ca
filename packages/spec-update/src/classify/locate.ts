import { deref, HTTP_METHODS, isObject, type JsonObject } from '../openapi.js';
import type { Direction } from './change.js';

/** A path into a document, as api-smart-diff reports it. */
export type DiffPath = readonly (string | number)[];

/** What part of an operation a change is in, and everything needed to describe it. */
export type Location =
  | { readonly part: 'document'; readonly rest: DiffPath }
  | { readonly part: 'path-item'; readonly path: string; readonly rest: DiffPath }
  | {
      readonly part: 'operation';
      readonly site: string;
      readonly path: string;
      readonly method: string;
      readonly rest: DiffPath;
    }
  | {
      readonly part: 'parameter';
      readonly site: string;
      /** The parameter as it is in the document the change is read from. */
      readonly parameter: JsonObject;
      readonly rest: DiffPath;
      readonly schemas: SchemaRoots;
    }
  | { readonly part: 'request-body'; readonly site: string; readonly rest: DiffPath }
  | {
      readonly part: 'response';
      readonly site: string;
      readonly status: string;
      readonly rest: DiffPath;
    }
  | {
      readonly part: 'header';
      readonly site: string;
      readonly name: string;
      readonly rest: DiffPath;
      readonly schemas: SchemaRoots;
    }
  | {
      readonly part: 'media-type';
      readonly site: string;
      readonly direction: Direction;
      readonly rest: DiffPath;
      readonly schemas: SchemaRoots;
    };

/** The schema a change is in, as it is before and after. */
export interface SchemaRoots {
  readonly before: unknown;
  readonly after: unknown;
}

/** The documents compared: `before` with versions aligned, and `after`. */
export interface Compared {
  readonly before: JsonObject;
  readonly after: JsonObject;
}

const METHODS = new Set<string>(HTTP_METHODS);

function child(document: JsonObject, node: unknown, key: string | number): unknown {
  const resolved = deref(document, node);
  if (Array.isArray(resolved)) return resolved[Number(key)];
  return isObject(resolved) ? resolved[String(key)] : undefined;
}

function walk(document: JsonObject, node: unknown, keys: DiffPath): unknown {
  return keys.reduce<unknown>((current, key) => child(document, current, key), node);
}

function operationIn(document: JsonObject, path: string, method: string): JsonObject | undefined {
  const item = isObject(document.paths) ? document.paths[path] : undefined;
  const operation = isObject(item) ? item[method] : undefined;
  return isObject(operation) ? operation : undefined;
}

function parameterKey(document: JsonObject, parameter: unknown): string | undefined {
  const resolved = deref(document, parameter);
  return isObject(resolved) ? `${String(resolved.in)} ${String(resolved.name)}` : undefined;
}

/** The same parameter (by `in` and `name`) in the other document's list. */
function matchingParameter(
  from: JsonObject,
  parameter: unknown,
  to: JsonObject,
  list: unknown,
): unknown {
  const key = parameterKey(from, parameter);
  const resolved = deref(to, list);
  if (!Array.isArray(resolved) || key === undefined) return undefined;
  return deref(
    to,
    resolved.find((item) => parameterKey(to, item) === key),
  );
}

/** How an operation is named in the summary: its operationId, else method and path. */
export function operationLabel(operation: JsonObject | undefined, path: string, method: string) {
  return typeof operation?.operationId === 'string'
    ? operation.operationId
    : `${method.toUpperCase()} ${path}`;
}

function locateParameter(
  compared: Compared,
  site: string,
  owner: (document: JsonObject) => unknown,
  index: number,
  rest: DiffPath,
  added: boolean,
  addedValue: unknown,
): Location | undefined {
  const { before, after } = compared;
  const beforeList = child(before, owner(before), 'parameters');
  const afterList = child(after, owner(after), 'parameters');
  // note: api-smart-diff indexes a parameter present in both lists by its place in `before`.
  const beforeParameter = added && rest.length === 0 ? undefined : child(before, beforeList, index);
  const afterParameter =
    added && rest.length === 0
      ? deref(after, addedValue)
      : matchingParameter(before, beforeParameter, after, afterList);
  const parameter = deref(after, afterParameter) ?? deref(before, beforeParameter);
  if (!isObject(parameter)) return undefined;
  const inSchema = rest[0] === 'schema';
  return {
    part: 'parameter',
    site: `${site} parameter ${String(parameter.name)}`,
    parameter,
    rest,
    schemas: {
      before: inSchema ? child(before, beforeParameter, 'schema') : undefined,
      after: inSchema ? child(after, afterParameter, 'schema') : undefined,
    },
  };
}

/** Places a change api-smart-diff reported at `path` within its operation. */
export function locate(
  compared: Compared,
  path: DiffPath,
  action: string,
  value: unknown,
): Location | undefined {
  const { before, after } = compared;
  if (path[0] !== 'paths') return { part: 'document', rest: path };
  const route = String(path[1]);
  const method = path[2];
  if (method === undefined || !METHODS.has(String(method))) {
    if (path[2] === 'parameters' && typeof path[3] === 'number') {
      const owner = (document: JsonObject) =>
        isObject(document.paths) ? document.paths[route] : undefined;
      return locateParameter(
        compared,
        route,
        owner,
        path[3],
        path.slice(4),
        action === 'add',
        value,
      );
    }
    return { part: 'path-item', path: route, rest: path.slice(2) };
  }
  const verb = String(method);
  const operation = operationIn(after, route, verb) ?? operationIn(before, route, verb);
  const site = operationLabel(operation, route, verb);
  const rest = path.slice(3);
  const owner = (document: JsonObject) => operationIn(document, route, verb);
  if (rest[0] === 'parameters' && typeof rest[1] === 'number') {
    return locateParameter(compared, site, owner, rest[1], rest.slice(2), action === 'add', value);
  }
  if (rest[0] === 'requestBody') {
    if (rest[1] === 'content' && typeof rest[2] === 'string') {
      const schema = (document: JsonObject) =>
        rest[3] === 'schema'
          ? walk(document, owner(document), ['requestBody', 'content', rest[2] as string, 'schema'])
          : undefined;
      return {
        part: 'media-type',
        site: `${site} request body`,
        direction: 'request',
        rest: rest.slice(3),
        schemas: { before: schema(before), after: schema(after) },
      };
    }
    return { part: 'request-body', site: `${site} request body`, rest: rest.slice(1) };
  }
  if (rest[0] === 'responses' && rest[1] !== undefined) {
    const status = String(rest[1]);
    const responseSite = `${site} ${status}`;
    const response = ['responses', status];
    if (rest[2] === 'content' && typeof rest[3] === 'string') {
      const schema = (document: JsonObject) =>
        rest[4] === 'schema'
          ? walk(document, owner(document), [...response, 'content', rest[3] as string, 'schema'])
          : undefined;
      return {
        part: 'media-type',
        site: responseSite,
        direction: 'response',
        rest: rest.slice(4),
        schemas: { before: schema(before), after: schema(after) },
      };
    }
    if (rest[2] === 'headers' && typeof rest[3] === 'string') {
      const name = rest[3];
      const schema = (document: JsonObject) =>
        rest[4] === 'schema'
          ? walk(document, owner(document), [...response, 'headers', name, 'schema'])
          : undefined;
      return {
        part: 'header',
        site: responseSite,
        name,
        rest: rest.slice(4),
        schemas: { before: schema(before), after: schema(after) },
      };
    }
    return { part: 'response', site: responseSite, status, rest: rest.slice(2) };
  }
  return { part: 'operation', site, path: route, method: verb, rest };
}

export { walk as walkDocument };
