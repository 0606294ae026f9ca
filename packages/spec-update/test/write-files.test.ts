import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpecUpdateError } from '../src/errors.js';
import { replaceFiles } from '../src/write-files.js';

let root: string;

/** Every file and directory under the root, with each file's text. */
async function tree(
  dir = root,
  into: Record<string, string> = {},
): Promise<Record<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      into[`${relative(root, path)}/`] = '';
      await tree(path, into);
    } else into[relative(root, path)] = await readFile(path, 'utf8');
  }
  return into;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'spec-update-write-'));
  await mkdir(join(root, 'spec'));
  await writeFile(join(root, 'spec/fragment.yaml'), 'old fragment\n');
  await writeFile(join(root, 'spec/stale.ts'), 'stale\n');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('putting files in place', () => {
  it('replaces and adds every file, deletes the listed ones, and leaves nothing beside them', async () => {
    const files = new Map([
      ['spec/fragment.yaml', 'new fragment\n'],
      ['generated/types.ts', 'types\n'],
    ]);
    await replaceFiles(root, files, ['spec/stale.ts']);
    expect(await tree()).toEqual({
      'spec/': '',
      'spec/fragment.yaml': 'new fragment\n',
      'generated/': '',
      'generated/types.ts': 'types\n',
    });
  });

  it('puts back every file it replaced when a later one cannot be replaced', async () => {
    // A directory where a file should go: the third rename fails after two succeeded.
    await mkdir(join(root, 'spec/blocked.ts'));
    await writeFile(join(root, 'spec/blocked.ts/inside'), 'inside\n');
    const before = await tree();
    const files = new Map([
      ['spec/fragment.yaml', 'new fragment\n'],
      ['generated/types.ts', 'types\n'],
      ['spec/blocked.ts', 'blocked\n'],
    ]);
    const error = await replaceFiles(root, files, ['spec/stale.ts']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecUpdateError);
    expect((error as Error).message).toMatch(
      /^could not put spec\/blocked\.ts in place \(E[A-Z]+\); every file is as it was$/,
    );
    expect(await tree()).toEqual(before);
  });

  it('writes nothing when a file cannot even be written beside its target', async () => {
    const before = await tree();
    const files = new Map([
      ['spec/fragment.yaml', 'new fragment\n'],
      ['spec/stale.ts/types.ts', 'types\n'],
    ]);
    await expect(replaceFiles(root, files)).rejects.toThrow(
      /^could not put spec\/stale\.ts\/types\.ts in place \((ENOTDIR|EEXIST)\); every file is as it was$/,
    );
    expect(await tree()).toEqual(before);
  });
});
