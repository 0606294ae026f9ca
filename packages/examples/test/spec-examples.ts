import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const spec = parse(
  readFileSync(new URL('../../../spec/atlas-ai-model-api-keys.yaml', import.meta.url), 'utf8'),
);

/** The spec's example of a successful getGroupAiModelApiKey. */
export const keyExample =
  spec.paths['/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}'].get.responses['200']
    .content['application/vnd.atlas.preview+json'].example;

/** The spec's example body of a shared error response (`unauthorized`, `notFound`, …). */
export function errorExample(name: string) {
  return spec.components.responses[name].content['application/json'].example;
}

/** A schema of the spec's `components.schemas` (`AiModelApiKey`, …), as the spec writes it. */
export function schema(
  name: string,
): { properties: Record<string, unknown> } & Record<string, unknown> {
  return spec.components.schemas[name];
}
