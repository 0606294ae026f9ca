import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { json, KEY, observedFetch, PARAMS, rejectionOf } from '../helpers/observed-fetch.js';

// A new resource upstream reaches the client through configuration and the generator alone: this
// spec is the committed fragment plus one operation under a new tag, whose resource group the
// overlay would name, and nothing in the client's source changes.
const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const typesPackage = join(repo, 'packages/atlas-types');
const clientSource = join(repo, 'packages/atlas-ai-keys/src/index.ts');
const USAGE_PATH = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}/usage';

/** The committed fragment with one more operation: a key's usage, by a required granularity. */
async function fixtureSpec(): Promise<string> {
  const spec = parse(await readFile(join(repo, 'spec/atlas-ai-model-api-keys.yaml'), 'utf8'));
  spec.tags.push({ name: 'AI Model Usage', 'x-client-resource': 'usage' });
  spec.paths[USAGE_PATH] = {
    get: {
      operationId: 'getGroupAiModelApiKeyUsage',
      summary: 'Return the Usage of One AI Model API Key',
      tags: ['AI Model Usage'],
      parameters: [
        { $ref: '#/components/parameters/groupId' },
        { name: 'apiKeyId', in: 'path', required: true, schema: { type: 'string' } },
        {
          name: 'granularity',
          in: 'query',
          required: true,
          schema: { type: 'string', enum: ['DAY', 'HOUR'] },
        },
      ],
      responses: {
        '200': {
          description: 'OK',
          content: {
            'application/vnd.atlas.2025-03-12+json': {
              schema: { type: 'object', properties: { requests: { type: 'integer' } } },
            },
          },
        },
      },
    },
  };
  return stringify(spec);
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-spec-driven-'));
  await mkdir(join(dir, 'types/generated'), { recursive: true });
  await writeFile(join(dir, 'spec.yaml'), await fixtureSpec());
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  const { render } = await import(join(typesPackage, 'scripts/generate.mjs'));
  for (const [name, content] of await render(join(dir, 'spec.yaml'))) {
    await writeFile(join(dir, 'types/generated', name), content);
  }
  await copyFile(join(typesPackage, 'src/index.ts'), join(dir, 'types/index.ts'));
  vi.doMock('@org/atlas-types', async () => import(join(dir, 'types/index.ts')));
});

afterAll(async () => {
  vi.doUnmock('@org/atlas-types');
  await rm(dir, { recursive: true, force: true });
});

type Method = (params: unknown) => Promise<unknown>;

/** A client built from the fixture's table, over an observed fetch answering `body`. */
async function fixtureClient(body: unknown) {
  vi.resetModules();
  const { createAtlasAiKeysClient } = await import('../../src/index.js');
  const { fetch, requests } = observedFetch(() => json(body));
  const client = createAtlasAiKeysClient({ baseUrl: 'https://cloud.example.test', fetch });
  const usage = (client as unknown as Record<string, Record<string, Method> | undefined>).usage
    ?.get;
  if (!usage) throw new Error('the client has no usage.get method');
  return { usage, requests };
}

describe('a new operation in the spec', () => {
  test("becomes a method of its tag's resource group that sends what the spec says", async () => {
    const { usage, requests } = await fixtureClient({ requests: 7 });
    await expect(usage({ ...PARAMS, granularity: 'DAY' })).resolves.toEqual({ requests: 7 });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe(
      `/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${KEY.apiKeyId}/usage`,
    );
    expect(url.search).toBe('?granularity=DAY');
  });

  test('validates the new parameter by the spec’s rule, before any request', async () => {
    const { usage, requests } = await fixtureClient({});
    const wrong = await rejectionOf(usage({ ...PARAMS, granularity: 'WEEK' }));
    expect(wrong.message).toBe('granularity must be one of "DAY", "HOUR" (received "WEEK")');
    const missing = await rejectionOf(usage(PARAMS));
    expect(missing.message).toBe('granularity must be one of "DAY", "HOUR" (received undefined)');
    expect(requests).toHaveLength(0);
  });

  test('is typed: its params and result come from the generated types', async () => {
    const usage = `
import { createAtlasAiKeysClient } from ${JSON.stringify(clientSource.replace(/\.ts$/, '.js'))};
const client = createAtlasAiKeysClient();
export const usage: Promise<{ requests?: number }> = client.usage.get({
  groupId: '32b6e34b3d91647abb20e7b8',
  apiKeyId: 'k',
  granularity: 'HOUR',
});
// @ts-expect-error granularity is "DAY" or "HOUR"
client.usage.get({ groupId: 'g', apiKeyId: 'k', granularity: 'WEEK' });
// @ts-expect-error granularity is required
client.usage.get({ groupId: 'g', apiKeyId: 'k' });
`;
    await writeFile(join(dir, 'usage.ts'), usage);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(repo, 'tsconfig.base.json'),
        compilerOptions: {
          noEmit: true,
          types: ['node'],
          typeRoots: [join(repo, 'node_modules/@types')],
          paths: { '@org/atlas-types': [join(dir, 'types/index.ts')] },
        },
        files: [join(dir, 'usage.ts')],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]);
    await expect(run).resolves.toMatchObject({ stdout: '' });
  }, 60_000);
});
