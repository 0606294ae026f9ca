import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overallClass } from '../src/classify/change.js';
import { typecheckConsumers, typeErrorChange } from '../src/typecheck.js';
import { repoRoot } from './helpers/temp-repo.js';

// A workspace as small as can be: the types package with one generated file, a package that
// consumes it (sources and a canary), and one that does not.
const GENERATED = 'packages/atlas-types/src/generated/table.ts';
const files: Record<string, string> = {
  'tsconfig.base.json': JSON.stringify({
    compilerOptions: {
      strict: true,
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      skipLibCheck: true,
    },
  }),
  'packages/atlas-types/package.json': JSON.stringify({ name: '@org/atlas-types' }),
  'packages/atlas-types/src/index.ts':
    "export { createKey, type Key } from './generated/table.js';\n",
  [GENERATED]:
    'export interface Key { name: string }\nexport function createKey(params: { name: string; cloud?: string }): Key { return { name: params.name }; }\n',
  'packages/client/package.json': JSON.stringify({
    name: '@org/client',
    dependencies: { '@org/atlas-types': 'workspace:^' },
  }),
  'packages/client/src/index.ts':
    "import { createKey } from '@org/atlas-types';\nexport const made = createKey({ name: 'a' });\nexport const broken: number = 'already broken';\n",
  'packages/client/canary/usage.ts':
    "import type { Key } from '@org/atlas-types';\nexport const name = (key: Key): string => key.name;\n",
  'packages/other/package.json': JSON.stringify({ name: '@org/other' }),
  'packages/other/src/index.ts': 'export const unrelated: number = "never checked";\n',
};

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spec-update-typecheck-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  // note: node's own types, as the repository has them installed.
  await mkdir(join(root, 'node_modules/@types'), { recursive: true });
  const { symlink } = await import('node:fs/promises');
  await symlink(join(repoRoot, 'node_modules/@types/node'), join(root, 'node_modules/@types/node'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const regenerated = (text: string) => new Map([[GENERATED, text]]);

describe('type-checking the consumers against regenerated types', { timeout: 60_000 }, () => {
  it('reports each new error with its file, line and message, and not those already there', () => {
    const result = typecheckConsumers(
      root,
      regenerated(
        'export interface Key { name: string }\nexport function createKey(params: { name: string; cloud: string }): Key { return { name: params.name }; }\n',
      ),
    );
    expect(result.workspaces).toEqual(['@org/client']);
    expect(result.existing).toBe(1);
    expect(result.errors).toEqual([
      {
        file: 'packages/client/src/index.ts',
        line: 2,
        code: 2345,
        message: expect.stringContaining("Property 'cloud' is missing"),
      },
    ]);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('checks the canary too', () => {
    const result = typecheckConsumers(
      root,
      regenerated(
        'export interface Key { label: string }\nexport function createKey(params: { name: string }): Key { return { label: params.name }; }\n',
      ),
    );
    expect(result.errors.map((error) => `${error.file}:${error.line} TS${error.code}`)).toEqual([
      'packages/client/canary/usage.ts:2 TS2339',
    ]);
  });

  it('finds nothing new when the types still fit, the error already there counted apart', () => {
    const result = typecheckConsumers(root, regenerated(files[GENERATED] as string));
    expect(result.errors).toEqual([]);
    expect(result.existing).toBe(1);
  });

  it('makes each new error a breaking line naming the file, the line and the message', () => {
    const change = typeErrorChange({
      file: 'packages/examples/src/demo.ts',
      line: 39,
      code: 2345,
      message: "Property 'cloud' is missing",
    });
    expect(change).toEqual({
      class: 'breaking',
      what: "packages/examples/src/demo.ts:39 no longer compiles: TS2345 Property 'cloud' is missing",
      why: 'code written against the committed types breaks',
    });
    expect(overallClass([{ class: 'fix' }, change])).toBe('breaking');
  });
});
