import { describe, expect, it } from 'vitest';
import { checkExpandedSize, MAX_DEPTH, MAX_NODES } from '../src/document-limits.js';

/** A document of exactly `count` values, most of them one shared array reached many times. */
function sharedDocument(count: number): unknown {
  // The root, `uses` and `rest` are 3 values; each use of `leaf` is 1,000 (the array and 999).
  const leaf = Array(999).fill('x');
  const uses = Math.floor((count - 3) / 1000);
  return { uses: Array(uses).fill(leaf), rest: Array(count - 3 - uses * 1000).fill('y') };
}

/** A value nested `depth` arrays deep. */
function nested(depth: number): unknown {
  let node: unknown = 'x';
  for (let level = 0; level < depth; level++) node = [node];
  return node;
}

describe('the size of a document once its aliases are expanded', () => {
  it('accepts the limit itself, every shared value counted each time it is reached', () => {
    expect(() => checkExpandedSize(sharedDocument(MAX_NODES), 'upstream.yaml')).not.toThrow();
  });

  it('refuses one value more', () => {
    expect(() => checkExpandedSize(sharedDocument(MAX_NODES + 1), 'upstream.yaml')).toThrow(
      'upstream.yaml holds more than 1000000 values once its YAML aliases are expanded',
    );
  });

  it.each([
    [MAX_DEPTH, true],
    [MAX_DEPTH + 1, false],
  ])('nesting %i levels deep is accepted: %s', (depth, accepted) => {
    const check = () => checkExpandedSize(nested(depth), 'upstream.yaml');
    if (accepted) expect(check).not.toThrow();
    else expect(check).toThrow('upstream.yaml nests deeper than 100 levels');
  });
});
