import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSpecPath } from '../src/start-atlas-mock.js';

type Json = Record<string, unknown>;

/** The parsed spec, so tests compare against the source of truth rather than a copy. */
export const spec = parse(readFileSync(defaultSpecPath, 'utf8')) as Json;

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !(key in current)) {
      throw new Error(`Spec has no ${keys.join(' > ')}`);
    }
    current = (current as Json)[key];
  }
  return current;
}

/** Follows a local `$ref` such as `#/components/schemas/X`. */
function resolve(value: unknown): Json {
  const ref = (value as Json).$ref;
  return (typeof ref === 'string' ? at(spec, ...ref.slice(2).split('/')) : value) as Json;
}

/** The `example` of a shared response in components/responses, e.g. `notFound`. */
export function responseExample(name: string): unknown {
  return at(spec, 'components', 'responses', name, 'content', 'application/json', 'example');
}

const keyContent = at(
  spec,
  'paths',
  '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}',
  'get',
  'responses',
  '200',
  'content',
) as Json;

/** The versioned media type the spec declares for GET one group key (its only one). */
export const keyMediaType = Object.keys(keyContent)[0] as string;

const keySchema = resolve(at(keyContent, keyMediaType, 'schema'));

/**
 * The body the static mock serves for GET one group key. Upstream gives no response-level
 * example, so Prism builds it from each property's `example`, as this does.
 */
export const keyExample = Object.fromEntries(
  Object.entries(at(keySchema, 'properties') as Record<string, Json>).map(([name, property]) => [
    name,
    property.example,
  ]),
) as Json;

/** An operation of the spec, with where it lives. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly responses: Record<string, Json>;
  readonly requestBody?: Json;
}

/** Every operation of the spec, in the order it lists them. */
export const specOperations: SpecOperation[] = Object.entries(
  at(spec, 'paths') as Record<string, Record<string, Json>>,
).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    operationId: operation.operationId as string,
    method: method.toUpperCase(),
    path,
    responses: operation.responses as Record<string, Json>,
    ...(operation.requestBody ? { requestBody: operation.requestBody as Json } : {}),
  })),
);
