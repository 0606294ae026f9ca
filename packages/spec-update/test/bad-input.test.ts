import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CliRun,
  cliPath,
  createTempRepo,
  fixture,
  runCli,
  type TempRepo,
} from './helpers/temp-repo.js';

let repo: TempRepo;
let untouched: Record<string, string>;

/** Writes a copy of the upstream fixture changed by `edit` into the scratch repository. */
async function variant(name: string, edit: (text: string) => string): Promise<string> {
  const text = await readFile(fixture('upstream.yaml'), 'utf8');
  const changed = edit(text);
  expect(changed).not.toBe(text);
  await mkdir(join(repo.root, 'inputs'), { recursive: true });
  const path = join(repo.root, 'inputs', name);
  await writeFile(path, changed);
  return path;
}

/** Runs the command and checks it failed as bad input must: exit 2, one line, nothing written. */
async function failsWith(
  args: string[],
  message: RegExp,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const run = await runCli([...args, '--root', repo.root], repo.root, env);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^spec:update: /);
  expect(lines[0]).toMatch(message);
  expect(await repo.snapshot()).toEqual(untouched);
  return run;
}

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run the build first`);
  repo = await createTempRepo('seed-era-fragment.yaml');
  await writeFile(
    join(repo.root, 'packages/atlas-types/src/generated/atlas-ai-model-api-keys.ts'),
    '// types\n',
  );
  untouched = await repo.snapshot();
});

afterAll(async () => {
  await repo.remove();
});

describe('bad arguments', () => {
  it('names --from when it is missing', async () => {
    await failsWith([], /--from must name the upstream document/);
  });

  it('names an unknown option', async () => {
    await failsWith(['--from', fixture('upstream.yaml'), '--force'], /Unknown option '--force'/);
  });

  it('names --timeout-ms when it is not a positive integer', async () => {
    await failsWith(
      ['--from', fixture('upstream.yaml'), '--timeout-ms', 'soon'],
      /--timeout-ms must be an integer from 1 to 600000/,
    );
  });

  it('refuses plain http to anything but loopback, before any request', async () => {
    await failsWith(['--from', 'http://atlas.invalid/spec.yaml'], /plain http only to loopback/);
  });
});

describe('bad input files', () => {
  it('reports a missing file', async () => {
    await failsWith(
      ['--from', join(repo.root, 'nowhere.yaml')],
      /could not read .*nowhere\.yaml: no such file/,
    );
  });

  it('reports a file that is not YAML or JSON', async () => {
    await failsWith(
      ['--from', fixture('not-yaml.txt')],
      /not-yaml\.txt is not an OpenAPI document: it is not YAML or JSON/,
    );
  });

  it('reports a YAML file that is not an OpenAPI document', async () => {
    await failsWith(
      ['--from', fixture('not-openapi.yaml')],
      /not-openapi\.yaml is not an OpenAPI document: no "openapi: 3\.x" field/,
    );
  });

  it('reports a Swagger 2.0 document', async () => {
    await failsWith(
      ['--from', fixture('swagger-2.yaml')],
      /swagger-2\.yaml is not an OpenAPI 3\.0 or 3\.1 document/,
    );
  });

  it('reports a document with no operation under the selected tag', async () => {
    const path = await variant('no-tag.yaml', (text) =>
      text.replaceAll('- AI Model API Keys', '- AI Models'),
    );
    await failsWith(['--from', path], /no-tag\.yaml has no operation tagged "AI Model API Keys"/);
  });

  it('reports a dangling $ref in the operations it keeps', async () => {
    const path = await variant('dangling.yaml', (text) =>
      text.replace(
        '$ref: "#/components/schemas/AiModelApiKeyCreateRequest"',
        '$ref: "#/components/schemas/AiModelApiKeyCreateRequestV2"',
      ),
    );
    await failsWith(
      ['--from', path],
      /dangling\.yaml has a dangling \$ref: #\/components\/schemas\/AiModelApiKeyCreateRequestV2 at #\/paths\/\/api\/atlas\/v2\/groups\/\{groupId\}\/aiModelApiKeys\/post/,
    );
  });
});

describe('upstream names that are not names', () => {
  it('refuses a query parameter whose name is code, before it reaches the generated source', async () => {
    const path = await variant('code-name.yaml', (text) =>
      text.replace(
        'name: pretty',
        `name: 'x: 0, pwned: (globalThis.process?.stdout.write("PWNED"), 0), y'`,
      ),
    );
    await failsWith(
      ['--from', path],
      /cannot be generated from it: query parameter "x: 0, pwned: .*" of GET "\/api\/atlas\/v2\/groups\/\{groupId\}\/aiModelApiKeys" must be letters, digits, _, \. and -/,
    );
  });

  it('refuses an operationId of URL-safe characters that is no method name', async () => {
    const path = await variant('url-safe-id.yaml', (text) =>
      text.replace('operationId: getGroupAiModelApiKey', 'operationId: get-key~1.x'),
    );
    await failsWith(['--from', path], /operationId "get-key~1\.x" of GET .* must be letters/);
  });
});

describe('bad URLs', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Answers 404 under /missing and never answers under /hang.
    server = createServer((request, response) => {
      if (request.url === '/missing') response.writeHead(404).end('not here');
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports a URL where nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await failsWith(
      ['--from', `http://127.0.0.1:${port}/spec.yaml`],
      /could not fetch http:\/\/127\.0\.0\.1:\d+\/spec\.yaml: ECONNREFUSED/,
    );
  });

  it('reports a URL that answers with an error status', async () => {
    await failsWith(
      ['--from', `${base}/missing`],
      /could not fetch http:\/\/127\.0\.0\.1:\d+\/missing: HTTP 404/,
    );
  });

  it('gives up on a URL that never answers once the timeout passes', async () => {
    await failsWith(
      ['--from', `${base}/hang`, '--timeout-ms', '300'],
      /could not fetch http:\/\/127\.0\.0\.1:\d+\/hang: no answer within 300 ms/,
    );
  });
});

describe('references outside the document', () => {
  const SENTINEL = 'SENTINEL-4b1d-outside-the-document';
  let server: Server;
  let base: string;
  let secretPath: string;
  const requests: string[] = [];

  beforeAll(async () => {
    secretPath = join(repo.root, 'inputs', 'secret.yaml');
    await mkdir(join(repo.root, 'inputs'), { recursive: true });
    const secret = `Secret:\n  type: object\n  properties:\n    ${SENTINEL}:\n      type: string\n`;
    await writeFile(secretPath, secret);
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/yaml' }).end(secret);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    requests.length = 0;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** Adds a property to a kept schema, written as `lines` (YAML at property level). */
  const inKeptSchema = (lines: string) => (text: string) =>
    text.replace(
      '        endpoint:\n          description: Server-computed',
      `${lines}\n        endpoint:\n          description: Server-computed`,
    );

  it.each([
    ['an absolute file path', () => `${secretPath}#/Secret`],
    ['a relative path climbing out', () => `${'../'.repeat(12)}${secretPath.slice(1)}#/Secret`],
    ['an http URL', () => `${base}/remote.yaml#/Secret`],
    ['a file URL', () => `file://${secretPath}#/Secret`],
  ])('refuses a $ref to %s, reading nothing and writing nothing', async (_name, target) => {
    const ref = target();
    const path = await variant(
      'outside-ref.yaml',
      inKeptSchema(`        leak:\n          $ref: '${ref}'`),
    );
    const run = await failsWith(
      ['--from', path],
      /outside-ref\.yaml has a \$ref outside the document: ".*" at #\/components\/schemas\/AiModelApiKeyResponse\/properties\/leak\/\$ref \(only #\/… references are allowed\)/,
    );
    expect(run.stderr).toContain(JSON.stringify(ref));
    expect(run.stderr + run.stdout).not.toContain(SENTINEL);
    expect(requests).toEqual([]);
  });

  it('refuses a discriminator mapping to a URL, which the resolver would fetch', async () => {
    const path = await variant('outside-mapping.yaml', (text) =>
      text.replace(
        '    AiModelApiKeyResponse:\n      properties:\n',
        `    AiModelApiKeyResponse:\n      discriminator:\n        propertyName: status\n        mapping:\n          ACTIVE: '${base}/mapping.yaml#/Secret'\n      properties:\n`,
      ),
    );
    await failsWith(
      ['--from', path],
      /outside-mapping\.yaml has a discriminator mapping outside the document: "http:\/\/127\.0\.0\.1:\d+\/mapping\.yaml#\/Secret" at #\/components\/schemas\/AiModelApiKeyResponse\/discriminator\/mapping\/ACTIVE/,
    );
    expect(requests).toEqual([]);
  });

  it("refuses an example's externalValue, which the resolver would read into the fragment", async () => {
    const path = await variant('outside-example.yaml', (text) =>
      text.replace(
        '              x-xgen-version: "2025-03-12"\n          description: Created\n',
        `              examples:\n                one:\n                  externalValue: '${secretPath}'\n              x-xgen-version: "2025-03-12"\n          description: Created\n`,
      ),
    );
    const run = await failsWith(
      ['--from', path],
      /outside-example\.yaml has an externalValue outside the document: ".*secret\.yaml" at #\/paths\/.*\/post\/responses\/201\/content\/.*\/examples\/one\/externalValue/,
    );
    expect(run.stderr + run.stdout).not.toContain(SENTINEL);
  });

  it('refuses a $ref to a URL inside an example value', async () => {
    const path = await variant('outside-in-example.yaml', (text) =>
      text.replace(
        '          example: ai.mongodb.com\n',
        `          example:\n            $ref: '${base}/in-example.yaml#/Secret'\n`,
      ),
    );
    await failsWith(['--from', path], /has a \$ref outside the document/);
    expect(requests).toEqual([]);
  });

  it('cuts a document whose references outside it sit only in operations it does not keep, asking nothing', {
    timeout: 60_000,
  }, async () => {
    const path = await variant('outside-unkept.yaml', (text) =>
      text.replace(
        '    ClusterNode:\n      properties:\n',
        `    ClusterNode:\n      properties:\n        leak:\n          $ref: '${base}/unkept.yaml#/Secret'\n`,
      ),
    );
    const run = await runCli(['--check', '--from', path, '--root', repo.root], repo.root);
    expect(run.stdout.split('\n')[0], run.stderr).toMatch(/^spec change: /);
    expect(run.code, run.stderr).toBe(1);
    expect(requests).toEqual([]);
    expect(await repo.snapshot()).toEqual(untouched);
  });
});

describe('untrusted servers', () => {
  let plain: Server;
  let secure: Server;
  let plainBase: string;
  let secureBase: string;
  const plainRequests: string[] = [];
  let bytesSent = 0;

  beforeAll(async () => {
    // Streams a body without a declared length until the reader hangs up, or 200 MiB.
    plain = createServer((request, response) => {
      plainRequests.push(request.url ?? '');
      if (request.url !== '/endless') return void response.writeHead(200).end('openapi: 3.0.1\n');
      response.writeHead(200, { 'content-type': 'application/yaml' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      const more = () => {
        while (bytesSent < 200 * 1024 * 1024) {
          bytesSent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      more();
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    plainBase = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    // A self-signed certificate for 127.0.0.1, made for these tests only.
    const tls = {
      cert: await readFile(fixture('localhost-cert.pem')),
      key: await readFile(fixture('localhost-key.pem')),
    };
    secure = createHttpsServer(tls, (request, response) => {
      if (request.url === '/down') response.writeHead(302, { location: `${plainBase}/spec.yaml` });
      else response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    secureBase = `https://127.0.0.1:${(secure.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => plain.close(resolve));
    await new Promise((resolve) => secure.close(resolve));
  });

  const trusted = { NODE_EXTRA_CA_CERTS: fixture('localhost-cert.pem') };

  it('reaches the https server it is given (the certificate is trusted)', async () => {
    await failsWith(
      ['--from', `${secureBase}/missing`],
      /could not fetch https:\/\/127\.0\.0\.1:\d+\/missing: HTTP 404/,
      trusted,
    );
  });

  it('refuses a redirect from https down to plain http, even to loopback, without asking it', async () => {
    await failsWith(
      ['--from', `${secureBase}/down`],
      /could not fetch https:\/\/127\.0\.0\.1:\d+\/down: it redirects to http:\/\/127\.0\.0\.1:\d+, not https/,
      trusted,
    );
    expect(plainRequests).toEqual([]);
  });

  it('stops reading a body without a declared length at 64 MiB', async () => {
    await failsWith(
      ['--from', `${plainBase}/endless`],
      /^spec:update: http:\/\/127\.0\.0\.1:\d+\/endless is larger than 64 MiB$/,
    );
    // note: what the kernel buffers between the two sockets is sent but never read.
    expect(bytesSent).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('YAML aliases that expand past any real document', () => {
  /** Nine levels of ten aliases each: a billion values from a few hundred bytes. */
  function aliasBomb(): string {
    const lines = ['openapi: 3.0.1', 'paths: {}', `a0: &a0 [${Array(10).fill('lol').join(',')}]`];
    for (let level = 1; level <= 9; level++) {
      lines.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(',')}]`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  it('refuses an alias bomb at once, naming the limit', async () => {
    const text = aliasBomb();
    expect(text.length).toBeLessThan(600);
    const path = join(repo.root, 'inputs', 'alias-bomb.yaml');
    await mkdir(join(repo.root, 'inputs'), { recursive: true });
    await writeFile(path, text);
    await failsWith(
      ['--from', path],
      /^spec:update: alias-bomb\.yaml holds more than 1000000 values once its YAML aliases are expanded$/,
    );
  });

  it('refuses an alias that contains itself', async () => {
    const path = join(repo.root, 'inputs', 'alias-loop.yaml');
    await mkdir(join(repo.root, 'inputs'), { recursive: true });
    await writeFile(path, 'openapi: 3.0.1\npaths: {}\nx-loop: &loop\n  - *loop\n');
    await failsWith(
      ['--from', path],
      /^spec:update: alias-loop\.yaml nests deeper than 100 levels once its YAML aliases are expanded$/,
    );
  });
});

describe('a failure while putting files in place', () => {
  let blocked: TempRepo;

  beforeAll(async () => {
    blocked = await createTempRepo('seed-era-fragment.yaml');
    const generated = join(blocked.root, 'packages/atlas-types/src/generated');
    await writeFile(join(generated, 'atlas-ai-model-api-keys.ts'), '// types\n');
    // A directory where the operation table goes: its turn comes after the fragment and types.
    await mkdir(join(generated, 'operations.ts'));
    await writeFile(join(generated, 'operations.ts', 'note.txt'), 'in the way\n');
  });

  afterAll(async () => {
    await blocked.remove();
  });

  it('puts back the files already replaced, leaves no temporary file, and says so in one line', async () => {
    const before = await blocked.snapshot();
    const run = await runCli(
      ['--from', fixture('upstream.yaml'), '--root', blocked.root],
      blocked.root,
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'spec:update: could not put packages/atlas-types/src/generated/operations.ts in place (EISDIR); every file is as it was',
    ]);
    // note: the snapshot holds every file of every directory the command writes in.
    expect(await blocked.snapshot()).toEqual(before);
  });
});
