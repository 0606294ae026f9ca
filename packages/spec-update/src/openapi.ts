/** A JSON object as parsed from YAML or JSON. */
export type JsonObject = Record<string, unknown>;

/** The HTTP methods an OpenAPI path item can hold, in the order they are reported. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** True for a plain object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One operation of a document, with where it sits. */
export interface OperationEntry {
  readonly path: string;
  readonly method: string;
  readonly operation: JsonObject;
}

/** Every operation of a document, in path then method order. */
export function operationsOf(document: JsonObject): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) entries.push({ path, method, operation });
    }
  }
  return entries;
}

/** Decodes one JSON pointer segment (`~1` is `/`, `~0` is `~`). */
function unescapeSegment(segment: string): string {
  return decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The value a local `$ref` such as `#/components/schemas/X` points at, or undefined. */
export function resolvePointer(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = unescapeSegment(raw);
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

/** `value`, or what its local `$ref` points at (followed until it is not a reference). */
export function deref(document: JsonObject, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    current = resolvePointer(document, current.$ref);
  }
  return current;
}
