import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Schema = { $ref?: string; properties?: Record<string, Schema>; example?: unknown };

const spec = parse(
  readFileSync(new URL('../../../spec/atlas-ai-model-api-keys.yaml', import.meta.url), 'utf8'),
);

const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(spec.components.schemas[schema.$ref.split('/').at(-1) as string]) : schema;

/** The object a schema's property examples make: what the mock answers for it. */
function exampleOf(schema: Schema): Record<string, unknown> {
  const properties = Object.entries(resolve(schema).properties ?? {});
  return Object.fromEntries(properties.map(([name, property]) => [name, property.example]));
}

const getKey = spec.paths['/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}'].get;
const keyContent = Object.values(
  getKey.responses['200'].content as Record<string, { schema: Schema }>,
);

/** The schema of a key, as a successful getGroupAiModelApiKey declares it (whatever its name). */
export const keySchema = resolve(keyContent[0]?.schema as Schema) as {
  properties: Record<string, unknown>;
} & Record<string, unknown>;

const { secret, ...shown } = exampleOf(keySchema as Schema);

/** The spec's example key as the client shows it: every field but the secret. */
export const keyExample = shown as Record<string, string>;

/** The spec's example secret, which the mock sends and the client keeps out of sight. */
export const secretExample = secret as string;

const getLimit =
  spec.paths[
    '/api/atlas/v2/groups/{groupId}/aiModelApiClouds/{cloud}/geographies/{geography}/modelGroupNames/{modelGroupName}/rateLimits'
  ].get;
const limitContent = Object.values(
  getLimit.responses['200'].content as Record<string, { schema: Schema }>,
);
const { modelNames: _, ...limit } = exampleOf(limitContent[0]?.schema as Schema);

/** The spec's example rate limit, every field that has an example (not `modelNames`). */
export const rateLimitExample = limit as Record<string, string | number>;

/** The spec's example group id, a path parameter's example. */
export const groupIdExample = spec.components.parameters.groupId.schema.example as string;

/** The spec's example body of a shared error response (`unauthorized`, `notFound`, …). */
export function errorExample(name: string) {
  return spec.components.responses[name].content['application/json'].example;
}

/** Each operation's declared response statuses, by operationId. */
export const declaredStatuses = new Map<string, string[]>(
  Object.values(spec.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
    (item) =>
      Object.values(item).map(
        (op) =>
          [op.operationId as string, Object.keys(op.responses as object)] as [string, string[]],
      ),
  ),
);
