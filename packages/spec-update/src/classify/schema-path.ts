import { deref, isObject, type JsonObject, pointerKeys } from '../openapi.js';
import type { DiffPath } from './locate.js';

/** Where inside a schema a change sits: the field and the keyword that changed. */
export interface SchemaPlace {
  /** The field, named from the nearest named schema, e.g. `AiModelApiKeyResponse.lastUsedAt`. */
  readonly field: string;
  /** The schema node that holds the keyword, in the document it was read from. */
  readonly node: JsonObject | undefined;
  /** The keyword that changed (`nullable`, `enum`, `required`…), or `property` for a field. */
  readonly keyword: string;
  /** What follows the keyword: a property's name, or an index in `enum` or `required`. */
  readonly key: string | number | undefined;
}

const COMBINERS = new Set(['allOf', 'oneOf', 'anyOf']);

function componentName(node: unknown): string | undefined {
  if (!isObject(node) || typeof node.$ref !== 'string') return undefined;
  const [components, schemas, ...name] = pointerKeys(node.$ref) ?? [];
  if (components !== 'components' || schemas !== 'schemas') return undefined;
  return name.join('/') || undefined;
}

/** Joins field segments: `results`, `[]`, `lastUsedAt` read `results[].lastUsedAt`. */
function joinField(parts: readonly string[]): string {
  return parts.reduce(
    (text, part) =>
      part === '[]' || part === '{}' ? `${text}${part}` : text ? `${text}.${part}` : part,
    '',
  );
}

/**
 * Follows `path` (the part after `schema`) from `root` in `document`, through `$ref`s,
 * `properties`, `items`, `additionalProperties` and `allOf`/`oneOf`/`anyOf`, to the keyword that
 * changed. `base` names the schema when no named schema is on the way (e.g. `parameter pretty`).
 */
export function schemaPlace(
  document: JsonObject,
  root: unknown,
  path: DiffPath,
  base: string,
): SchemaPlace {
  let owner = base;
  let parts: string[] = [];
  const enter = (value: unknown): JsonObject | undefined => {
    let current = value;
    for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
      const name = componentName(current);
      if (name) {
        owner = name;
        parts = [];
      }
      current = deref(document, { $ref: current.$ref });
    }
    return isObject(current) ? current : undefined;
  };
  let node = enter(root);
  let index = 0;
  while (index < path.length) {
    const segment = String(path[index]);
    const next = path[index + 1];
    const last = index + 1 === path.length;
    if (segment === 'properties' && next !== undefined && index + 2 < path.length) {
      parts.push(String(next));
      node = enter(isObject(node?.properties) ? node.properties[String(next)] : undefined);
      index += 2;
    } else if ((segment === 'items' || segment === 'additionalProperties') && !last) {
      parts.push(segment === 'items' ? '[]' : '{}');
      node = enter(node?.[segment]);
      index += 1;
    } else if (COMBINERS.has(segment) && next !== undefined && index + 2 < path.length) {
      const list = node?.[segment];
      node = enter(Array.isArray(list) ? list[Number(next)] : undefined);
      index += 2;
    } else if (segment === 'not' && !last) {
      node = enter(node?.not);
      index += 1;
    } else {
      const keyword = segment === 'properties' && next !== undefined ? 'property' : segment;
      const field = joinField(parts);
      return {
        field: field ? `${owner}.${field}` : owner,
        node,
        keyword,
        key: next,
      };
    }
  }
  return {
    field: joinField(parts) ? `${owner}.${joinField(parts)}` : owner,
    node,
    keyword: '',
    key: undefined,
  };
}
