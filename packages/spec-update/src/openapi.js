// @ts-check
// note: plain JavaScript, its types checked through JSDoc, so the types package's generator
// (which node runs without a build) reads OpenAPI documents through the same code as the cut and
// the classifier. Exported as `@org/spec-update/openapi`.

/** @typedef {Record<string, unknown>} JsonObject A JSON object as parsed from YAML or JSON. */

/** The HTTP methods an OpenAPI path item can hold, in the order they are reported. */
export const HTTP_METHODS = /** @type {const} */ ([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

/** An Atlas versioned media type; its one group is the version (`2025-03-12`, `preview`). */
export const VERSIONED_MEDIA_TYPE = /^application\/vnd\.atlas\.([\w.-]+)\+json$/;

/** How many `$ref`s in a row are followed before the chain counts as a cycle. */
const MAX_REF_HOPS = 32;

/**
 * True for a plain object (not an array, not null).
 * @param {unknown} value
 * @returns {value is JsonObject}
 */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One operation of a document, with where it sits.
 * @typedef {{ readonly path: string, readonly method: string, readonly operation: JsonObject }}
 *   OperationEntry
 */

/**
 * Every operation of a document, in path then method order.
 * @param {JsonObject} document
 * @returns {OperationEntry[]}
 */
export function operationsOf(document) {
  /** @type {OperationEntry[]} */
  const entries = [];
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

/**
 * The keys of a local `$ref` (`#/components/schemas/A~1B` is `components`, `schemas`, `A/B`), or
 * undefined when it does not point into this document or is not a valid pointer.
 * @param {string} ref
 * @returns {string[] | undefined}
 */
export function pointerKeys(ref) {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  try {
    // note: a fragment is percent-decoded first, then `~1` is `/` and `~0` is `~` (RFC 6901).
    return ref
      .slice(1)
      .split('/')
      .slice(1)
      .map((key) => decodeURIComponent(key).replaceAll('~1', '/').replaceAll('~0', '~'));
  } catch {
    return undefined;
  }
}

/**
 * The value a local `$ref` such as `#/components/schemas/X` points at, or undefined.
 * @param {JsonObject} document
 * @param {string} ref
 * @returns {unknown}
 */
export function resolvePointer(document, ref) {
  const keys = pointerKeys(ref);
  if (!keys) return undefined;
  /** @type {unknown} */
  let current = document;
  for (const key of keys) {
    // note: own keys only, so `#/components/schemas/constructor` points at nothing.
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current)) current = Object.hasOwn(current, key) ? current[key] : undefined;
    else return undefined;
  }
  return current;
}

/**
 * Where following a node's `$ref`s ends: the first node that is not a reference, or why there is
 * none (`ref` is the reference that could not be followed).
 * @typedef {{ readonly target: unknown, readonly failure?: {
 *   readonly reason: 'not local' | 'dangling' | 'cycle', readonly ref: string } }} RefTarget
 */

/**
 * Follows `value`'s local `$ref`s until a node that is not a reference.
 * @param {JsonObject} document
 * @param {unknown} value
 * @returns {RefTarget}
 */
export function followRefs(document, value) {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    // note: a chain this long is a cycle; it stops at the reference reached.
    if (hops === MAX_REF_HOPS) return { target: current, failure: { reason: 'cycle', ref } };
    if (!pointerKeys(ref)) return { target: undefined, failure: { reason: 'not local', ref } };
    current = resolvePointer(document, ref);
    if (current === undefined) return { target: undefined, failure: { reason: 'dangling', ref } };
  }
  return { target: current };
}

/**
 * `value`, or what its local `$ref` points at (followed until it is not a reference).
 * @param {JsonObject} document
 * @param {unknown} value
 * @returns {unknown}
 */
export function deref(document, value) {
  return followRefs(document, value).target;
}
