import { openapiFilter } from 'openapi-format';
import { SpecUpdateError } from './errors.js';
import { isObject, type JsonObject, operationsOf } from './openapi.js';

/** Component types openapi-format prunes by reachability from the kept operations. */
const PRUNED_COMPONENTS = [
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
];

/** Names of the security schemes a document's requirements use, at the top and per operation. */
function usedSecuritySchemes(document: JsonObject): Set<string> {
  const used = new Set<string>();
  const requirements = [
    document.security,
    ...operationsOf(document).map(({ operation }) => operation.security),
  ];
  for (const list of requirements) {
    if (!Array.isArray(list)) continue;
    for (const requirement of list) {
      if (isObject(requirement)) for (const name of Object.keys(requirement)) used.add(name);
    }
  }
  return used;
}

/** Drops the security schemes no requirement names: they are not `$ref`s, so no filter sees them. */
function pruneSecuritySchemes(document: JsonObject): void {
  const components = document.components;
  if (!isObject(components) || !isObject(components.securitySchemes)) return;
  const used = usedSecuritySchemes(document);
  const kept = Object.entries(components.securitySchemes).filter(([name]) => used.has(name));
  if (kept.length > 0) components.securitySchemes = Object.fromEntries(kept);
  else delete components.securitySchemes;
}

/**
 * Keeps the operations carrying one of `tags` and exactly the components they reach,
 * transitively; everything else under `paths` and `components` goes.
 */
export async function cutFragment(
  upstream: JsonObject,
  tags: readonly string[],
  sourceName: string,
): Promise<JsonObject> {
  const { data } = await openapiFilter(structuredClone(upstream), {
    filterSet: {
      inverseTags: [...tags],
      unusedComponents: PRUNED_COMPONENTS,
      // note: without this, openapi-format drops `scopes: {}`, which OAuth flows require.
      preserveEmptyObjects: true,
    },
  });
  const fragment = data as JsonObject;
  // note: each selected tag must keep an operation: a tag upstream renamed would otherwise drop
  // its whole resource from the fragment without a word.
  const kept = operationsOf(fragment);
  const missing = tags.filter(
    (tag) =>
      !kept.some(({ operation }) => (operation.tags as unknown[] | undefined)?.includes(tag)),
  );
  if (missing.length > 0) {
    const list = missing.map((tag) => `"${tag}"`).join(', ');
    throw new SpecUpdateError(`${sourceName} has no operation tagged ${list}`);
  }
  pruneSecuritySchemes(fragment);
  return fragment;
}
