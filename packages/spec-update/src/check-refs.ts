import { bundle, createConfig, makeDocumentFromString } from '@redocly/openapi-core';
import { SpecUpdateError } from './errors.js';
import type { JsonObject } from './openapi.js';

/** Decodes a JSON pointer for a message: `#/paths/~1a/get` reads `#/paths//a/get`. */
function readable(pointer: string): string {
  return pointer.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * Resolves every `$ref` of the cut with Redocly's resolver and fails on the first that points
 * nowhere, naming where it sits and what it points at.
 */
export async function checkRefs(fragment: JsonObject, sourceName: string): Promise<void> {
  const document = makeDocumentFromString(JSON.stringify(fragment), '/fragment.json');
  const config = await createConfig({});
  const { problems } = await bundle({ doc: document, config, dereference: false });
  const unresolved = problems.find((problem) => problem.message.startsWith("Can't resolve $ref"));
  if (!unresolved) return;
  const pointer = unresolved.location[0]?.pointer ?? '#';
  const target = pointer
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[readable(key)],
      fragment,
    ) as { $ref?: unknown } | undefined;
  throw new SpecUpdateError(
    `${sourceName} has a dangling $ref: ${String(target?.$ref)} at ${readable(pointer)} points nowhere`,
  );
}
