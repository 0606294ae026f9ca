import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededKeyPath } from '../src/seed.js';
import { type AtlasMockMode, defaultSpecPath, startAtlasMock } from '../src/start-atlas-mock.js';
import { keyExample, keyMediaType } from './spec-examples.js';

const headers = { authorization: 'Bearer demo', accept: keyMediaType };

function countResources(kind: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === kind).length;
}

/** One GET over a keep-alive agent, so the server still holds an idle connection afterwards. */
function keepAliveGet(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens a connection and sends half a request. A server that waited for it to finish would
 * wait for its own header timeout (a minute), so `close()` must end the connection itself.
 */
function halfSentRequest(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${seededKeyPath} HTTP/1.1\r\nHost: ${hostname}\r\n`, () => resolve(socket));
    });
    socket.on('error', reject);
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe.each(['stateful', 'static'] as AtlasMockMode[])('a %s mock', (mode) => {
  it('frees the port and leaves no handle on close(), even with an idle keep-alive connection and a half-sent request open', async () => {
    const serversBefore = countResources('TCPServerWrap');
    const mock = await startAtlasMock({ mode });
    const port = Number(new URL(mock.baseUrl).port);
    // note: a stateful mock is two servers, Prism and the emulator behind it on its own port.
    expect(countResources('TCPServerWrap')).toBe(serversBefore + (mode === 'stateful' ? 2 : 1));

    const agent = new Agent({ keepAlive: true });
    expect(await keepAliveGet(`${mock.baseUrl}${seededKeyPath}`, agent)).toBe(200);
    const pending = await halfSentRequest(mock.baseUrl);
    const pendingClosed = new Promise((resolve) => pending.once('close', resolve));

    // note: no clock is read. A close() that waited for the half-sent request would wait for the
    // server's header timeout, a minute, and the test would time out long before.
    await mock.close();
    await pendingClosed;
    agent.destroy();

    expect(countResources('TCPServerWrap')).toBe(serversBefore);
    await expect(fetch(`${mock.baseUrl}${seededKeyPath}`, { headers })).rejects.toThrow();
    expect(await canListen(port)).toBe(true);
    await mock.close();
  });

  it('listens on the port it is given and reports a clear error when it is taken, leaving nothing open', async () => {
    const first = await startAtlasMock({ mode });
    const port = Number(new URL(first.baseUrl).port);
    const serversBefore = countResources('TCPServerWrap');
    try {
      await expect(startAtlasMock({ mode, port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
        message: expect.stringMatching(/could not listen on 127\.0\.0\.1:\d+/),
      });
      expect(countResources('TCPServerWrap')).toBe(serversBefore);
    } finally {
      await first.close();
    }
  });
});

describe('a static mock', () => {
  it('serves generated bodies when started with dynamic: true', async () => {
    const mock = await startAtlasMock({ mode: 'static', dynamic: true });
    try {
      const generated = await fetch(`${mock.baseUrl}${seededKeyPath}`, { headers });
      expect(generated.status).toBe(200);
      expect(await generated.json()).not.toEqual(keyExample);

      const pinned = await fetch(`${mock.baseUrl}${seededKeyPath}`, {
        headers: { ...headers, prefer: 'dynamic=false' },
      });
      expect(await pinned.json()).toEqual(keyExample);
    } finally {
      await mock.close();
    }
  });
});

describe('an example that breaks its own schema', () => {
  let dir: string;
  let brokenSpec: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-mock-'));
    brokenSpec = join(dir, 'broken.yaml');
    const source = await readFile(defaultSpecPath, 'utf8');
    // endpoint is a string; its example is the only `ai.mongodb.com` in the spec.
    const broken = source.replace('example: ai.mongodb.com', 'example: 42');
    expect(broken).not.toBe(source);
    await writeFile(brokenSpec, broken);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails loudly with a 500 in errors mode (the default)', async () => {
    const mock = await startAtlasMock({ mode: 'static', specPath: brokenSpec });
    try {
      const response = await fetch(`${mock.baseUrl}${seededKeyPath}`, { headers });
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = JSON.stringify(await response.json());
      expect(problem).toContain('endpoint');
      expect(problem).toContain('type');
    } finally {
      await mock.close();
    }
  });

  it('only flags it in the sl-violations header with errors: false', async () => {
    const mock = await startAtlasMock({ mode: 'static', specPath: brokenSpec, errors: false });
    try {
      const response = await fetch(`${mock.baseUrl}${seededKeyPath}`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('sl-violations')).toContain('endpoint');
    } finally {
      await mock.close();
    }
  });
});
