import { bundle, createConfig, isMappingRef, makeDocumentFromString } from '@redocly/openapi-core';
import { SpecUpdateError } from './errors.js';
import { isObject, type JsonObject } from './openapi.js';

/** Decodes a JSON pointer for a message: `#/paths/~1a/get` reads `#/paths//a/get`. */
function readable(pointer: string): string {
  return pointer.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** A reference that leaves the document, and where it sits (a readable JSON pointer). */
interface OutsideReference {
  readonly kind: string;
  readonly target: string;
  readonly at: string;
}

/**
 * The first value a resolver would follow out of the document: a `$ref` that is not `#/…`, a
 * discriminator mapping that Redocly reads as a reference but is not `#/…`, or an example's
 * `externalValue`, which Redocly inlines by reading it.
 */
function findOutsideReference(fragment: JsonObject): OutsideReference | undefined {
  // note: `keys` holds the last three keys on the way down: a mapping value sits at
  // discriminator/mapping/<name>, a default mapping at discriminator/defaultMapping.
  const stack: Array<{ node: unknown; at: string; keys: readonly string[] }> = [
    { node: fragment, at: '#', keys: [] },
  ];
  while (stack.length > 0) {
    const { node, at, keys } = stack.pop() as (typeof stack)[number];
    if (typeof node === 'string') {
      const [key, parent, grandparent] = [keys.at(-1), keys.at(-2), keys.at(-3)];
      const local = node.startsWith('#/');
      if (key === '$ref' && !local) return { kind: 'a $ref', target: node, at };
      if (key === 'externalValue') return { kind: 'an externalValue', target: node, at };
      const mapping =
        (grandparent === 'discriminator' && parent === 'mapping') ||
        (parent === 'discriminator' && key === 'defaultMapping');
      if (mapping && isMappingRef(node) && !local) {
        return { kind: 'a discriminator mapping', target: node, at };
      }
      continue;
    }
    if (!isObject(node) && !Array.isArray(node)) continue;
    for (const [child, value] of Object.entries(node).reverse()) {
      stack.push({ node: value, at: `${at}/${child}`, keys: [...keys.slice(-2), child] });
    }
  }
  return undefined;
}

/**
 * Refuses a cut that refers outside itself, before anything resolves it: a reference to a file or
 * a URL would be read while bundling, linting and generating, pull that content into the types,
 * and stay in the committed fragment for every later build to read again.
 */
export function checkLocalRefs(fragment: JsonObject, sourceName: string): void {
  const outside = findOutsideReference(fragment);
  if (!outside) return;
  throw new SpecUpdateError(
    `${sourceName} has ${outside.kind} outside the document: ${JSON.stringify(outside.target)} at ${outside.at} (only #/… references are allowed)`,
  );
}

/**
 * Resolves every `$ref` of the cut with Redocly's resolver and fails on the first that points
 * nowhere, naming where it sits and what it points at. References outside the document are
 * refused first, so the resolver only ever reads the cut itself.
 */
export async function checkRefs(fragment: JsonObject, sourceName: string): Promise<void> {
  checkLocalRefs(fragment, sourceName);
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
