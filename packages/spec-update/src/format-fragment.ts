import { getDefaultSortSet, openapiSort, stringify } from 'openapi-format';
import { isObject, type JsonObject } from './openapi.js';

/** The first lines of every fragment: what made it and how to change it. */
export const FRAGMENT_HEADER = `# Cut from the upstream Atlas Administration API document by \`pnpm spec:update\`.
# Do not edit by hand: change spec/spec-update.yaml (or its overlay) and run it again.
`;

/** Component maps whose entries are sorted by name, so upstream's order does not matter. */
const SORTED_COMPONENTS = [
  'examples',
  'headers',
  'parameters',
  'requestBodies',
  'responses',
  'schemas',
  'securitySchemes',
];

/** A copy with every object's keys in code-point order; arrays keep theirs (it can mean something). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, sortKeys(value[key])]));
}

/**
 * Renders the fragment in a stable order whatever upstream's (keys by name, then openapi-format
 * puts the fields of each OpenAPI object in the specification's order) as YAML without line
 * folding, so that a changed description is a one-line diff and the same input always gives the
 * same bytes.
 */
export async function formatFragment(fragment: JsonObject): Promise<string> {
  const { data } = await openapiSort(sortKeys(fragment) as JsonObject, {
    sort: true,
    sortComponentsSet: SORTED_COMPONENTS,
    sortComponentsProps: false,
    sortSet: { ...(await getDefaultSortSet()), sortPathsBy: 'path' },
  });
  const yaml = await stringify(data as JsonObject, {
    format: 'yaml',
    lineWidth: -1,
    yamlQuoteStyle: 'double',
  });
  return `${FRAGMENT_HEADER}${yaml.endsWith('\n') ? yaml : `${yaml}\n`}`;
}
