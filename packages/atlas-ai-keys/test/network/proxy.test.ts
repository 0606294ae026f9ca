import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { EnvHttpProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenAuth, createAtlasAiKeysClient } from '../../src/index.js';
import { KEY, PARAMS } from '../helpers/observed-fetch.js';

// The README's way to send the client through a proxy: a fetch that hands undici's
// EnvHttpProxyAgent to the global fetch, tried through a real proxy (the npm `proxy` package).

const TOKEN = 'SENTINEL-token-through-the-proxy';
const seenByProxy: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
const seenByAtlas: (string | undefined)[] = [];
const servers: ReturnType<typeof createServer>[] = [];

const listen = async (server: ReturnType<typeof createServer>) => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

let atlas: string;
let proxyUrl: string;
beforeAll(async () => {
  atlas = await listen(
    createServer((request, response) => {
      seenByAtlas.push(request.headers.authorization);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(KEY));
    }),
  );
  const proxy = createProxy(createServer());
  const record = (request: { method?: string; url?: string; headers: IncomingHttpHeaders }) =>
    seenByProxy.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
    });
  proxy.on('connect', record);
  proxy.on('request', record);
  proxyUrl = await listen(proxy);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('a proxying fetch', () => {
  it('sends every request through the proxy, the credentials only to Atlas', async () => {
    const dispatcher = new EnvHttpProxyAgent({ httpProxy: proxyUrl, httpsProxy: proxyUrl });
    const client = createAtlasAiKeysClient({
      baseUrl: atlas,
      auth: accessTokenAuth({ accessToken: TOKEN }),
      fetch: (input, init) => fetch(input, { ...init, dispatcher } as RequestInit),
    });
    const key = await client.keys.get(PARAMS);
    expect(key.apiKeyId).toBe(KEY.apiKeyId);
    expect(seenByProxy.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `CONNECT ${new URL(atlas).host}`,
    ]);
    expect(JSON.stringify(seenByProxy)).not.toContain(TOKEN);
    expect(seenByAtlas).toEqual([`Bearer ${TOKEN}`]);
    await dispatcher.close();
  });
});
