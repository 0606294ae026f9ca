import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  type CliRun,
  createTempRepo,
  fixture,
  runCli,
  runNodeScript,
  type TempRepo,
} from './helpers/temp-repo.js';

// What a regenerate does to what users compile and run: each case changes the upstream fixture
// the way upstream might, runs the command on a scratch copy of the repository (the types'
// consumers and the canary included), then builds the client and the command line from that
// copy's sources and uses them.

// Each run lints, generates and type-checks every consumer: tens of seconds on a busy machine.
const SLOW = { timeout: 180_000 };
const GROUP = '32b6e34b3d91647abb20e7b8';

type Upstream = {
  paths: Record<string, Record<string, { parameters: object[] }>>;
  components: {
    schemas: Record<
      string,
      { properties: Record<string, Record<string, unknown>>; required?: string[] }
    >;
  };
};

let template: TempRepo;
let upstreamText: string;

beforeAll(async () => {
  upstreamText = await readFile(fixture('upstream.yaml'), 'utf8');
  template = await createTempRepo(undefined, { consumers: true });
  const run = await runCli(
    ['--from', fixture('upstream.yaml'), '--root', template.root],
    template.root,
  );
  if (run.code !== 0) throw new Error(`the baseline run failed:\n${run.stdout}\n${run.stderr}`);
}, SLOW.timeout);

afterAll(async () => {
  await template?.remove();
});

/** A copy of the baseline repository, regenerated from the fixture changed by `edit`. */
async function regenerate(
  edit: (upstream: Upstream) => void,
  prepare?: (root: string) => Promise<void>,
): Promise<{ root: string; run: CliRun }> {
  const root = await mkdtemp(join(tmpdir(), 'spec-update-effects-'));
  await cp(template.root, root, { recursive: true, verbatimSymlinks: true });
  await prepare?.(root);
  const upstream = parse(upstreamText) as Upstream;
  edit(upstream);
  await writeFile(join(root, 'upstream.yaml'), stringify(upstream));
  const run = await runCli(['--from', 'upstream.yaml', '--root', root], root);
  return { root, run };
}

/** Bundles `entry` of the scratch repository, the workspace packages taken from its sources. */
async function bundle(root: string, entry: string, out: string): Promise<string> {
  const sources: Record<string, string> = {
    '@org/atlas-types': join(root, 'packages/atlas-types/src/index.ts'),
    '@org/atlas-ai-keys': join(root, 'packages/atlas-ai-keys/src/index.ts'),
  };
  const outfile = join(root, out);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
    // note: the command-line parser is CommonJS; an ES module bundle needs `require` for it.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    plugins: [
      {
        name: 'workspace-sources',
        setup(builder) {
          builder.onResolve({ filter: /^@org\/atlas-(types|ai-keys)$/ }, (args) => ({
            path: sources[args.path] as string,
          }));
        },
      },
    ],
  });
  return outfile;
}

/** A server that records each request and answers every one with a created key. */
async function recordingServer(): Promise<{
  url: string;
  seen: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}> {
  const seen: { method: string; url: string; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', body });
      response.writeHead(201, { 'content-type': 'application/vnd.atlas.2025-03-12+json' });
      response.end(
        JSON.stringify({
          apiKeyId: 'newkey0000000000000000000',
          name: 'ci',
          secret: 'al-secret-of-the-effects-test',
          results: [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Runs the command line built from the scratch repository's sources. */
function runBuiltCli(bin: string, args: string[], baseUrl: string): Promise<CliRun> {
  return runNodeScript(bin, [...args, '--base-url', baseUrl], {
    env: {
      PATH: process.env.PATH,
      MONGODB_ATLAS_ACCESS_TOKEN: 'token-of-the-effects-test',
      MONGODB_ATLAS_PROJECT_ID: GROUP,
    },
  });
}

const createRequest = (upstream: Upstream) =>
  upstream.components.schemas
    .AiModelApiKeyCreateRequest as Upstream['components']['schemas'][string];
const lines = (run: CliRun) => run.stdout.trimEnd().split('\n');
const typeErrors = (run: CliRun) =>
  lines(run).filter((line) => line.includes('no longer compiles'));

describe('regenerating on a spec change, and what it does to the client and the CLI', SLOW, () => {
  it('a defaulted request enum gains values: not breaking; the default is still sent; the new values are accepted and offered', async () => {
    const { root, run } = await regenerate((upstream) => {
      (createRequest(upstream).properties.cloud as { enum: string[] }).enum.push('AWS');
    });
    try {
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run)[0]).toBe('spec change: fix');
      expect(run.stdout).toContain(
        '- fix: request field AiModelApiKeyCreateRequest.cloud enum gains AWS (createGroupAiModelApiKey request body): a request constraint relaxed',
      );
      expect(typeErrors(run)).toEqual([]);
      expect(run.stderr).toMatch(/type-checked .* in \d+\.\d s .*: no new type errors/);

      const server = await recordingServer();
      try {
        const client = await import(
          await bundle(root, 'packages/atlas-ai-keys/src/index.ts', 'client.mjs')
        );
        const atlas = client.createAtlasAiKeysClient({
          baseUrl: server.url,
          auth: client.accessTokenAuth({ accessToken: 't' }),
        });
        await atlas.keys.create({ groupId: GROUP, name: 'ci' });
        await atlas.keys.create({ groupId: GROUP, name: 'ci', cloud: 'AWS' });
        expect(server.seen.map(({ body }) => JSON.parse(body).cloud)).toEqual(['ANY', 'AWS']);

        const bin = await bundle(root, 'packages/cli/src/bin.ts', 'packages/cli/dist/bin.mjs');
        const help = await runBuiltCli(bin, ['create', '--help'], server.url);
        expect(help.stdout.replace(/\s+/g, ' ')).toContain(
          '--cloud <cloud> the new key\'s cloud scope (choices: "ANY", "AWS", default: "ANY")',
        );
        const created = await runBuiltCli(
          bin,
          ['create', '--name', 'ci', '--cloud', 'AWS'],
          server.url,
        );
        expect(created.code, created.stderr).toBe(0);
        expect(JSON.parse(server.seen.at(-1)?.body ?? '{}')).toMatchObject({ cloud: 'AWS' });
      } finally {
        await server.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("a request maxLength narrows: breaking; the CLI's help shows the new limit and refuses a longer name with exit 2 before any request", async () => {
    const { root, run } = await regenerate((upstream) => {
      (createRequest(upstream).properties.name as Record<string, unknown>).maxLength = 100;
    });
    try {
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run)[0]).toBe('spec change: breaking');
      expect(run.stdout).toContain(
        '- breaking: request field AiModelApiKeyCreateRequest.name maxLength changed from 250 to 100',
      );
      const server = await recordingServer();
      try {
        const bin = await bundle(root, 'packages/cli/src/bin.ts', 'packages/cli/dist/bin.mjs');
        const help = await runBuiltCli(bin, ['create', '--help'], server.url);
        expect(help.stdout).toContain(
          "--name <name>            the key's name, 1 to 100 characters",
        );
        const refused = await runBuiltCli(bin, ['create', '--name', 'n'.repeat(101)], server.url);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toBe(
          'error: --name must be 1 to 100 characters, not blank, received 101 characters\n',
        );
        expect(server.seen).toEqual([]);
      } finally {
        await server.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("a new required request field with no default: breaking, and the canary's error is printed", async () => {
    const { root, run } = await regenerate((upstream) => {
      const body = createRequest(upstream);
      body.properties.purpose = { type: 'string', description: 'What the key is for.' };
      body.required?.push('purpose');
    });
    try {
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run)[0]).toBe('spec change: breaking');
      expect(run.stdout).toContain(
        '- breaking: request field AiModelApiKeyCreateRequest.purpose added as required',
      );
      expect(typeErrors(run)).toContainEqual(
        expect.stringMatching(
          /^- breaking: packages\/examples\/canary\/public-usage\.ts:\d+ no longer compiles: TS2345 Argument of type .*purpose.*: code written against the committed types breaks$/,
        ),
      );
      expect(run.stderr).toMatch(/type-checked .*: \d+ new type errors/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a new optional query parameter: feature; the method accepts it and it type-checks', async () => {
    const usage = [
      "import { createAtlasAiKeysClient } from '@org/atlas-ai-keys';",
      'export const listed = createAtlasAiKeysClient().keys.list({',
      "  groupId: '32b6e34b3d91647abb20e7b8',",
      '  includeCount: false,',
      '});',
      '',
    ].join('\n');
    const { root, run } = await regenerate(
      (upstream) => {
        upstream.paths['/api/atlas/v2/groups/{groupId}/aiModelApiKeys']?.get?.parameters.push({
          name: 'includeCount',
          in: 'query',
          description: 'Whether the response counts every key.',
          schema: { type: 'boolean', default: true },
        });
      },
      (root) => writeFile(join(root, 'packages/examples/src/include-count.ts'), usage),
    );
    try {
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run)[0]).toBe('spec change: feature');
      expect(run.stdout).toContain('- feature: optional parameter includeCount (query) added');
      expect(typeErrors(run)).toEqual([]);

      const server = await recordingServer();
      try {
        const client = await import(
          await bundle(root, 'packages/atlas-ai-keys/src/index.ts', 'client.mjs')
        );
        const atlas = client.createAtlasAiKeysClient({ baseUrl: server.url });
        await atlas.keys.list({ groupId: GROUP, includeCount: false });
        expect(server.seen[0]?.url).toBe(
          `/api/atlas/v2/groups/${GROUP}/aiModelApiKeys?includeCount=false`,
        );
      } finally {
        await server.close();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a response field the overlay declares always present, removed: refused until the overlay is reviewed', async () => {
    const { root, run } = await regenerate((upstream) => {
      delete upstream.components.schemas.AiModelApiKeyResponse?.properties.createdBy;
    });
    try {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Required property 'createdBy' is not defined");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a response field removed: breaking', async () => {
    const { root, run } = await regenerate((upstream) => {
      delete upstream.components.schemas.AiModelApiKeyResponse?.properties.lastUsedAt;
    });
    try {
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run)[0]).toBe('spec change: breaking');
      expect(run.stdout).toContain(
        '- breaking: response field AiModelApiKeyResponse.lastUsedAt removed',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a change the spec rules call fix but our code fails to compile with: breaking', async () => {
    const { root, run } = await regenerate((upstream) => {
      const status = upstream.components.schemas.AiModelApiKeyResponse?.properties.status;
      if (status) Object.assign(status, { enum: ['ENABLED', 'DISABLED'], example: 'ENABLED' });
    });
    try {
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run)[0]).toBe('spec change: breaking');
      const spec = lines(run).filter((line) => !line.includes('no longer compiles'));
      expect(spec.slice(1).every((line) => /^- (fix|none): /.test(line))).toBe(true);
      expect(run.stdout).toContain(
        '- fix: response field AiModelApiKeyResponse.status documented as one of ["ENABLED","DISABLED"]',
      );
      expect(typeErrors(run)).toContainEqual(
        expect.stringMatching(
          /^- breaking: packages\/cli\/src\/key-output\.ts:\d+ no longer compiles: TS2367 This comparison appears to be unintentional/,
        ),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
