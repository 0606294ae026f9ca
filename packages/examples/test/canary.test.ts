import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

// The canary (canary/public-usage.ts) is what `pnpm spec:update` and the typecheck compile to
// prove the READMEs' examples still hold; these tests keep it a copy of those examples.

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const canary = read('../canary/public-usage.ts');

/** The lines of the first TypeScript block after `heading`, without imports and blank lines. */
function exampleAfter(readme: string, heading: string): string[] {
  const from = readme.indexOf(heading);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(from))?.[1] ?? '';
  return block
    .replace(/^import[\s\S]*?;\n/gm, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Whether `lines` appear in `text` in order, each on a line of its own. */
function inOrder(text: string, lines: readonly string[]): string[] {
  const mine = text.split('\n').map((line) => line.trim());
  const missing: string[] = [];
  let at = 0;
  for (const line of lines) {
    const found = mine.indexOf(line, at);
    if (found === -1) missing.push(line);
    else at = found + 1;
  }
  return missing;
}

describe('the canary', () => {
  test.each([
    ['the root README', '../../../README.md', '## Using the client'],
    ['the package README', '../../atlas-ai-keys/README.md', '## Quick start'],
  ])('holds the example of %s line for line', (_, path, heading) => {
    const example = exampleAfter(read(path), heading);
    expect(example.length).toBeGreaterThan(5);
    expect(inOrder(canary, example)).toEqual([]);
  });
});
