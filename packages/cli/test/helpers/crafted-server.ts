import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the crafted server received it. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** What the crafted server answers. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** A local server that misbehaves as a test scripts it. */
export interface CraftedServer {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

/** A token the crafted token endpoint issues; it must never be printed. */
export const ISSUED_TOKEN = 'CLI-ISSUED-TOKEN-SENTINEL-4e1b';

/**
 * Starts a server on 127.0.0.1 that deals with credentials the way Atlas does and leaves the API
 * requests to `answer`: the service-account token and revoke endpoints answer, and a request
 * without credentials gets a Digest challenge. It checks no credential: it only has to receive
 * them, to quote them back.
 */
export async function startCraftedServer(
  answer: (request: Seen) => Answer,
): Promise<CraftedServer> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
      seen.push(request);
      const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      if (request.url === '/api/oauth/token') {
        const token = { access_token: ISSUED_TOKEN, token_type: 'Bearer', expires_in: 3600 };
        return reply(200, JSON.stringify(token));
      }
      if (request.url === '/api/oauth/revoke') return reply(200, '{}');
      if (!req.headers.authorization) {
        const challenge = 'Digest realm="MMS Public API", nonce="n0nce", algorithm=MD5, qop="auth"';
        return reply(401, '{}', { 'www-authenticate': challenge });
      }
      const { status, body, headers } = answer(request);
      reply(status, body, headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
