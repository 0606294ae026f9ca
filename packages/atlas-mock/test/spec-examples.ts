import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultSpecPath } from '../src/start-mock.js';

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

/** The `example` of a shared response in components/responses, e.g. `notFound`. */
export function responseExample(name: string): unknown {
  return at(spec, 'components', 'responses', name, 'content', 'application/json', 'example');
}

/** The 200 example of GET one group key, the body the static mock serves. */
export const keyExample = at(
  spec,
  'paths',
  '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}',
  'get',
  'responses',
  '200',
  'content',
  'application/vnd.atlas.preview+json',
  'example',
) as Json;
