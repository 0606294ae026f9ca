import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, PARAMS } from '../helpers/observed-fetch.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * An application of the client, as a bundler ships it: it prints the names of every error class
 * the package exports and how a 404 thrown by a call shows.
 */
const APPLICATION = `
import { inspect } from 'node:util';
import * as atlas from './src/index.ts';
import { AtlasConfigError } from './src/atlas-cli/index.ts';

// note: one argument every error class can be made from: an API error's fields, a request's
// method and path, or a message.
const made = { status: 400, headers: new Headers(), body: undefined, method: 'GET', path: '/' };
made.request = made;
const names = Object.entries({ ...atlas, AtlasConfigError })
  .filter(([exported]) => exported.endsWith('Error'))
  .map(([exported, ErrorClass]) => {
    const error = new ErrorClass(made, 'made');
    return [exported, error.name, error.stack.split(':')[0]];
  });

const answer = ${JSON.stringify(JSON.stringify(apiError(404, 'RESOURCE_NOT_FOUND', 'gone')))};
const client = atlas.createAtlasAiKeysClient({
  baseUrl: 'https://cloud.example.test',
  maxRetries: 0,
  logLevel: 'off',
  fetch: async () =>
    new Response(answer, { status: 404, headers: { 'content-type': 'application/json' } }),
});
const error = await client.keys.get(${JSON.stringify(PARAMS)}).catch((thrown) => thrown);
console.log(JSON.stringify({
  names,
  thrown: {
    isNotFound: error instanceof atlas.AtlasNotFoundError,
    name: error.name,
    string: String(error),
    stack: error.stack.split('\\n')[0],
    inspected: inspect(error).split('\\n')[0],
    json: JSON.parse(JSON.stringify(error)).name,
  },
}));
`;

let dir: string;
let bundle: string;
let printed: {
  names: [exported: string, name: string, stackHeader: string][];
  thrown: Record<string, unknown>;
};

beforeAll(async () => {
  const result = await build({
    stdin: { contents: APPLICATION, resolveDir: PACKAGE_DIR, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  dir = mkdtempSync(join(tmpdir(), 'atlas-minified-'));
  const file = join(dir, 'application.mjs');
  writeFileSync(file, bundle);
  printed = JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('in an application bundled with minification', () => {
  it('the class names are mangled, so the errors cannot rely on them', () => {
    expect(bundle).not.toMatch(/class AtlasNotFoundError\b/);
  });

  it('an error of every exported class is named after the class, in its stack too', () => {
    expect(printed.names.length).toBeGreaterThanOrEqual(16);
    for (const [exported, name, stackHeader] of printed.names) {
      expect({ name, stackHeader }).toEqual({ name: exported, stackHeader: exported });
    }
  });

  it('a thrown error shows its name in its stack, inspection and JSON', () => {
    const header = 'AtlasNotFoundError: 404 RESOURCE_NOT_FOUND on GET';
    expect(printed.thrown).toEqual({
      isNotFound: true,
      name: 'AtlasNotFoundError',
      string: expect.stringMatching(`^${header} /api/atlas/v2/groups/${PARAMS.groupId}/`),
      stack: expect.stringMatching(`^${header} `),
      // note: Node's inspection may prefix the minified class name: `W [AtlasNotFoundError]: …`.
      inspected: expect.stringMatching(/AtlasNotFoundError\]?: 404 RESOURCE_NOT_FOUND on GET /),
      json: 'AtlasNotFoundError',
    });
  });
});
