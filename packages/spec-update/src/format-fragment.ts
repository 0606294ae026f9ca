import { getDefaultSortSet, openapiSort, stringify } from 'openapi-format';
import type { JsonObject } from './openapi.js';

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

/**
 * Renders the fragment in openapi-format's stable order (fields in the OpenAPI order, paths and
 * components sorted) as YAML without line folding, so that a changed description is a one-line
 * diff and the same input always gives the same bytes.
 */
export async function formatFragment(fragment: JsonObject): Promise<string> {
  const { data } = await openapiSort(fragment, {
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
