import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { forwardRequest } from './forward-request.js';

/** A request as the server received it. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A running server on loopback that records what it receives. */
export interface Recording {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** Closes a server and every connection it holds. */
function closer(server: ReturnType<typeof createHttpServer>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/**
 * An https origin on 127.0.0.1 standing in for Atlas: it records each request and forwards it to
 * `target` (the Prism mock). Its certificate is self-signed for 127.0.0.1 and localhost and is
 * written to `caFile`, for a child's NODE_EXTRA_CA_CERTS.
 */
export async function startTlsFront(
  target: string,
  dir: string,
): Promise<Recording & { caFile: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const caFile = join(dir, 'front-ca.pem');
  await writeFile(caFile, pems.cert);
  const upstream = new URL(target);
  const received: Received[] = [];
  const server = createServer({ key: pems.private, cert: pems.cert }, (incoming, outgoing) => {
    received.push({
      method: incoming.method ?? '',
      url: incoming.url ?? '',
      headers: incoming.headers,
    });
    forwardRequest(upstream, incoming, outgoing, { ...incoming.headers, host: upstream.host });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, received, caFile, close: closer(server) };
}

/**
 * A real forward proxy (the npm `proxy` package, CONNECT tunnels and plain forwarding) on
 * 127.0.0.1, recording every request line and its headers as the proxy sees them.
 */
export async function startProxy(): Promise<Recording> {
  const { createProxy } = await import('proxy');
  const server = createProxy(createHttpServer());
  const received: Received[] = [];
  const record = (incoming: { method?: string; url?: string; headers: IncomingHttpHeaders }) =>
    received.push({
      method: incoming.method ?? '',
      url: incoming.url ?? '',
      headers: incoming.headers,
    });
  server.on('connect', record);
  server.on('request', record);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: closer(server) };
}
