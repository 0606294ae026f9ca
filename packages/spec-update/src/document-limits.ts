import { SpecUpdateError } from './errors.js';

/**
 * Most values a document may hold once its YAML aliases are expanded. The real one holds under
 * 80,000; a few hundred bytes of nested aliases name billions, which the cut would visit one by one.
 */
export const MAX_NODES = 1_000_000;

/** Deepest nesting once aliases are expanded: the YAML parser allows 100 levels to each anchor. */
export const MAX_DEPTH = 100;

/**
 * Refuses a parsed document that is too large or too deep once its aliases are expanded (an
 * alias that contains itself is infinitely deep). The parser keeps one copy of each anchored
 * value, so this walk is what the cut would do, stopped at the limits.
 */
export function checkExpandedSize(document: unknown, name: string): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: document, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as (typeof stack)[number];
    nodes += 1;
    if (nodes > MAX_NODES) {
      throw new SpecUpdateError(
        `${name} holds more than ${MAX_NODES} values once its YAML aliases are expanded`,
      );
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_DEPTH) {
      throw new SpecUpdateError(
        `${name} nests deeper than ${MAX_DEPTH} levels once its YAML aliases are expanded`,
      );
    }
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
}
