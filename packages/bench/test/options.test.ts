import { describe, expect, test } from 'vitest';
import { parseOptions } from '../src/options.js';

describe('the command line of pnpm bench', () => {
  test.each<[string, string[], boolean]>([
    ['no argument leaves the committed results alone', [], false],
    ['--write asks for the results to be written', ['--write'], true],
    ['the -- that `pnpm bench -- --write` passes on is skipped', ['--', '--write'], true],
  ])('%s', (_, argv, write) => {
    expect(parseOptions(argv)).toEqual({ write });
  });

  test.each([
    ['a misspelt option', ['--wirte'], /--wirte/],
    ['a positional argument', ['write'], /write/],
    ['a value given to --write', ['--write=yes'], /--write/],
  ])('refuses %s, naming it', (_, argv, names) => {
    expect(() => parseOptions(argv)).toThrow(names);
  });
});
