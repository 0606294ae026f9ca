import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecUpdateError } from '../src/errors.js';
import { readSource } from '../src/read-source.js';
import { fixture } from './helpers/temp-repo.js';

describe('reading the upstream document from a URL', () => {
  let server: Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      if (request.url === '/old') response.writeHead(301, { location: '/new?v=2' }).end();
      else if (request.url === '/away')
        response.writeHead(302, { location: 'http://atlas.invalid/spec.yml' }).end();
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

  it('refuses a redirect to plain http off loopback without asking it', async () => {
    await expect(readSource(`${base}/away`, '/', 5_000)).rejects.toThrow(
      /could not fetch http:\/\/127\.0\.0\.1:\d+\/away: it redirects to http:\/\/atlas\.invalid, not https/,
    );
  });

  it('gives up after a few redirects', async () => {
    const before = seen.filter((url) => url === '/loop').length;
    await expect(readSource(`${base}/loop`, '/', 5_000)).rejects.toThrow(/more than 5 redirects/);
    expect(seen.filter((url) => url === '/loop').length - before).toBe(5);
  });

  it.each([
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

describe('reading the upstream document from a file', () => {
  it('records the file name, not the path it was given', async () => {
    const source = await readSource(fixture('upstream.yaml'), '/', 5_000);
    expect(source.name).toBe('upstream.yaml');
    expect(source.text).toContain('openapi: 3.0.1');
  });

  it('says when the path is a directory', async () => {
    await expect(readSource(fixture(''), '/', 5_000)).rejects.toThrow(/it is a directory/);
  });
});
