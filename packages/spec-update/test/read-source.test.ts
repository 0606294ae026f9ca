import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecUpdateError } from '../src/errors.js';
import { isLoopback, MAX_SOURCE_BYTES, readSource } from '../src/read-source.js';
import { fixture } from './helpers/temp-repo.js';

describe('reading the upstream document from a URL', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      if (request.url === '/old') response.writeHead(301, { location: '/new?v=2' }).end();
      else if (request.url?.startsWith('/to?'))
        response.writeHead(302, { location: decodeURIComponent(request.url.slice(4)) }).end();
      else if (request.url === '/loop') response.writeHead(302, { location: '/loop' }).end();
      else response.writeHead(200, { 'content-type': 'application/yaml' }).end('openapi: 3.0.1\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('follows a redirect on the same host and names the URL asked for, without its query', async () => {
    const source = await readSource(`${base}/old?token=abc`, '/', 5_000);
    expect(source.text).toBe('openapi: 3.0.1\n');
    expect(source.name).toBe(`${base}/old`);
  });

  it.each([
    ['http://atlas.invalid/spec.yml', 'http://atlas.invalid'],
    ['http://127.attacker.invalid/spec.yml', 'http://127.attacker.invalid'],
    ['file:///etc/passwd', 'file://'],
  ])('refuses a redirect to %s without asking it', async (target, shown) => {
    const url = `${base}/to?${encodeURIComponent(target)}`;
    const error = await readSource(url, '/', 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecUpdateError);
    expect((error as Error).message).toBe(
      `could not fetch ${base}/to: it redirects to ${shown}, not https`,
    );
  });

  it('gives up after a few redirects', async () => {
    const before = seen.filter((url) => url === '/loop').length;
    await expect(readSource(`${base}/loop`, '/', 5_000)).rejects.toThrow(/more than 5 redirects/);
    expect(seen.filter((url) => url === '/loop').length - before).toBe(5);
  });

  it.each([
    ['http://127.attacker.invalid/spec.yml', /plain http only to loopback\), got http:\/\/127\./],
    ['http://localhost.attacker.invalid/spec.yml', /plain http only to loopback/],
    ['http://127.0.0.1.attacker.invalid/spec.yml', /plain http only to loopback/],
    ['http://10.0.0.1/spec.yml', /plain http only to loopback/],
    ['http://[::ffff:127.0.0.1]/spec.yml', /plain http only to loopback/],
    [
      'ftp://127.0.0.1/spec.yml',
      /--from must be a file or an https URL \(plain http only to loopback\)/,
    ],
    ['https://user:secret@example.com/spec.yml', /--from must not carry credentials in the URL/],
  ])('refuses %s before any request', async (url, message) => {
    const error = await readSource(url, '/', 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecUpdateError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('which hosts are loopback', () => {
  it.each([
    ['http://localhost/', true],
    ['http://127.0.0.1:8080/', true],
    ['http://127.255.0.9/', true],
    ['http://2130706433/', true],
    ['http://[::1]/', true],
    ['http://localhost./', false],
    ['http://127.attacker.invalid/', false],
    ['http://127.0.0.1.nip.io/', false],
    ['http://128.0.0.1/', false],
    ['http://[::2]/', false],
  ])('%s is loopback: %s', (url, want) => {
    expect(isLoopback(new URL(url))).toBe(want);
  });
});

describe('reading the upstream document from a file', () => {
  it('records the file name, not the path it was given', async () => {
    const source = await readSource(fixture('upstream.yaml'), '/', 5_000);
    expect(source.name).toBe('upstream.yaml');
    expect(source.text).toContain('openapi: 3.0.1');
  });

  it('says when the path is a directory', async () => {
    await expect(readSource(fixture(''), '/', 5_000)).rejects.toThrow(/it is a directory/);
  });

  it('stops reading a file at 64 MiB', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spec-update-large-'));
    try {
      const path = join(dir, 'large.yaml');
      await writeFile(path, '');
      // note: a sparse file, so the test costs no disk space.
      await truncate(path, MAX_SOURCE_BYTES + 1);
      await expect(readSource(path, '/', 5_000)).rejects.toThrow(`${path} is larger than 64 MiB`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
