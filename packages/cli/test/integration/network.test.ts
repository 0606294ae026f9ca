import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RETRY_DELAYS } from '@org/atlas-ai-keys/defaults';
import { mockUrl } from '@org/atlas-mock/vitest';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BIN, childEnv, runBuilt, SEEDED, TOKEN } from '../helpers/built-cli.js';
import { startPreferProxy } from '../helpers/prefer-proxy.js';
import { type Recording, startProxy, startTlsFront } from '../helpers/tls-front.js';

// The built command on the network people have: behind a proxy, against servers that hang, with
// the debug trace on, writing into a pipe that closes, and with credentials Atlas refuses.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-ai-keys-network-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((server) => server.close()));
});

/** Starts a plain server on loopback, closed after the test. */
async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY', () => {
  let front: Recording & { caFile: string };
  let proxy: Recording;
  beforeAll(async () => {
    front = await startTlsFront(mockUrl(), dir);
    proxy = await startProxy();
  });
  afterAll(async () => {
    await front?.close();
    await proxy?.close();
  });
  afterEach(() => {
    front.received.length = 0;
    proxy.received.length = 0;
  });

  test('an https Atlas is reached through a CONNECT tunnel: the proxy never sees the credentials', async () => {
    const run = await runBuilt(['list', '--json', '--base-url', front.url], {
      env: childEnv({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: front.caFile }),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ apiKeyId: SEEDED.apiKeyId }]);
    const port = new URL(front.url).port;
    expect(proxy.received.map(({ method, url }) => `${method} ${url}`)).toContain(
      `CONNECT 127.0.0.1:${port}`,
    );
    expect(JSON.stringify(proxy.received)).not.toContain(TOKEN);
    expect(front.received.map(({ headers }) => headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  test('NO_PROXY sends the host straight to Atlas', async () => {
    const run = await runBuilt(['list', '--json', '--base-url', front.url], {
      env: childEnv({
        HTTPS_PROXY: proxy.url,
        NO_PROXY: '127.0.0.1',
        NODE_EXTRA_CA_CERTS: front.caFile,
      }),
    });
    expect(run.code).toBe(0);
    expect(proxy.received).toEqual([]);
    expect(front.received).toHaveLength(1);
  });

  test('HTTP_PROXY carries a plain-http request too, through a tunnel as undici makes one', async () => {
    const target = await startPreferProxy(mockUrl());
    closing.push(target);
    const run = await runBuilt(['list', '--json', '--base-url', target.url], {
      env: childEnv({ HTTP_PROXY: proxy.url }),
    });
    expect(run.code).toBe(0);
    expect(proxy.received.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `CONNECT ${new URL(target.url).host}`,
    ]);
    expect(target.seen.map(({ path }) => path.split('?')[0])).toEqual([
      `/api/atlas/v2/groups/${SEEDED.groupId}/aiModelApiKeys`,
    ]);
  });

  test('--debug says which proxy is used, without its password', async () => {
    const withPassword = proxy.url.replace('//', '//user:SENTINEL-proxy-password@');
    const run = await runBuilt(['list', '--json', '--debug', '--base-url', front.url], {
      env: childEnv({ HTTPS_PROXY: withPassword, NODE_EXTRA_CA_CERTS: front.caFile }),
    });
    expect(run.stderr).toContain(
      `debug: proxy http://…@127.0.0.1:${new URL(proxy.url).port} from $HTTPS_PROXY`,
    );
    expect(run.stderr).not.toContain('SENTINEL-proxy-password');
  });
});

describe('retries are visible and bounded', () => {
  /** A server that takes every request and never answers. */
  const hanging = () => serve(() => {});

  test('--timeout and --max-retries bound a server that never answers, each retry announced with --verbose', async () => {
    const { url } = await hanging();
    const run = await runBuilt([
      'list',
      '--base-url',
      url,
      '--timeout',
      '0.2',
      '--max-retries',
      '1',
      '--verbose',
    ]);
    expect(run.code).toBe(1);
    const pause = `${Math.round(DEFAULT_RETRY_DELAYS.baseDelayMs / 100) / 10}`;
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^retrying GET /api/atlas/v2/groups/${SEEDED.groupId}/aiModelApiKeys\\S*: attempt 2 of 2 in (0\\.\\d|${pause}) s after: timed out after 0\\.2 s$`,
      ),
    );
    expect(lines[1]).toMatch(/^error: timed out after 200 ms on GET /);
    expect(lines).toHaveLength(2);
  });

  test('without --verbose, and not on a terminal, retries pass quietly', async () => {
    const { url } = await hanging();
    const run = await runBuilt([
      'list',
      '--base-url',
      url,
      '--timeout',
      '0.2',
      '--max-retries',
      '1',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: timed out after 200 ms on GET [^\n]+\n$/);
  });

  test.each([
    [['--timeout', '0'], /--timeout is a number of seconds above 0/],
    [['--timeout', 'soon'], /--timeout is a number of seconds above 0/],
    [['--max-retries', '11'], /--max-retries is a whole number from 0 to 10/],
    [['--max-retries', '-1'], /--max-retries is a whole number from 0 to 10/],
  ])('%j is refused before any request', async (args, message) => {
    const run = await runBuilt(['list', ...args, '--base-url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('--debug', () => {
  test('prints one line per HTTP exchange: method, URL, status, duration, attempt and step; no token', async () => {
    const target = await startPreferProxy(mockUrl());
    closing.push(target);
    for (const args of [['--debug'], []]) {
      const run = await runBuilt(['get', SEEDED.apiKeyId, '--base-url', target.url, ...args], {
        env: childEnv(args.length ? {} : { MONGODB_ATLAS_DEBUG: '1' }),
      });
      expect(run.code).toBe(0);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe('debug: credentials: an access token from $MONGODB_ATLAS_ACCESS_TOKEN');
      expect(lines[1]).toMatch(
        new RegExp(
          `^debug: GET ${target.url}/api/atlas/v2/groups/${SEEDED.groupId}/aiModelApiKeys/${SEEDED.apiKeyId} → 200 in \\d+ ms \\(attempt 1 of 3; bearer credentials; RateLimit-Limit \\d+; RateLimit-Remaining \\d+\\)$`,
        ),
      );
      expect(lines).toHaveLength(2);
      expect(run.stderr + run.stdout).not.toContain(TOKEN);
    }
  });
});

describe('a reader that closes stdout', () => {
  test('list | head -1 prints one line, exits 0 quietly and stops fetching pages', async () => {
    let requests = 0;
    const page = (n: number) =>
      JSON.stringify({
        results: Array.from({ length: 500 }, (_, i) => ({
          apiKeyId: `k${n}-${i}`,
          name: `key ${n}-${i}`,
          status: 'ACTIVE',
          maskedSecret: 'al-****abcd',
          createdAt: '2026-01-15T09:30:12Z',
          lastUsedAt: null,
        })),
        totalCount: 500_000,
        links: [],
      });
    const { url } = await serve((request, response) => {
      requests++;
      const pageNum = Number(
        new URL(request.url ?? '', 'http://x').searchParams.get('pageNum') ?? 1,
      );
      response.writeHead(200, { 'content-type': 'application/vnd.atlas.2025-03-12+json' });
      response.end(page(pageNum));
    });
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn(
          'bash',
          [
            '-c',
            `set -o pipefail; "${process.execPath}" "${BIN}" list --base-url ${url} | head -1`,
          ],
          { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
        });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME +ID +STATUS/);
    // note: 1000 pages exist; the command stops within a few of the first.
    expect(requests).toBeLessThan(20);
  });
});

describe('credentials Atlas refuses', () => {
  test.each([401, 403])(
    'a %i names the credentials sent and where they came from',
    async (status) => {
      const target = await startPreferProxy(mockUrl());
      closing.push(target);
      target.code = status;
      const run = await runBuilt(['list', '--base-url', target.url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(
          `^error: ${status} \\S+: .*; the credentials sent: an access token from \\$MONGODB_ATLAS_ACCESS_TOKEN\\n$`,
        ),
      );
      expect(run.stderr).not.toContain(TOKEN);
    },
  );
});
