import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { DigestVerifier } from './verifier.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** One request as the server received it, and its answer. */
export interface Exchanged {
  readonly authorization: string | undefined;
  /** The status answered; 0 until the answer's head is written. */
  status: number;
  /** Whether a 401 said stale=true. */
  stale: boolean;
}

/** A node:http server on 127.0.0.1 that counts what it receives. */
export interface TestServer {
  /** Base URL, such as `http://127.0.0.1:12345`. */
  readonly url: URL;
  /** Requests received. */
  readonly requests: () => number;
  /** Requests received with an Authorization header. */
  readonly authorized: () => number;
  /** 401 responses sent. */
  readonly challenges: () => number;
  /** 401 responses sent with stale=true. */
  readonly staleChallenges: () => number;
  /** Every request in the order it arrived, with its answer. */
  readonly exchanges: () => readonly Exchanged[];
  close(): Promise<void>;
}

/** Starts `handler` on an ephemeral loopback port, counting requests and 401s. */
export async function startServer(handler: Handler): Promise<TestServer> {
  let requests = 0;
  let authorized = 0;
  let challenges = 0;
  let staleChallenges = 0;
  const exchanges: Exchanged[] = [];
  const server = createServer((req, res) => {
    requests++;
    if (req.headers.authorization !== undefined) authorized++;
    const exchanged: Exchanged = {
      authorization: req.headers.authorization,
      status: 0,
      stale: false,
    };
    exchanges.push(exchanged);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      exchanged.status = status;
      if (status === 401) {
        challenges++;
        const headers = rest.find((arg) => typeof arg === 'object') as Record<string, unknown>;
        const header = String(headers?.['www-authenticate'] ?? res.getHeader('www-authenticate'));
        exchanged.stale = /stale="?true/i.test(header);
        if (exchanged.stale) staleChallenges++;
      }
      return writeHead(status, ...rest);
    }) as ServerResponse['writeHead'];
    handler(req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests: () => requests,
    authorized: () => authorized,
    challenges: () => challenges,
    staleChallenges: () => staleChallenges,
    exchanges: () => exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `verifier`'s decisions, with `ok` as the body of every 200. */
export function serveVerifier(verifier: DigestVerifier): Promise<TestServer> {
  return startServer((req, res) => {
    const verdict = verifier.handle(req.method ?? 'GET', req.url ?? '/', req.headers.authorization);
    res.writeHead(verdict.status, { 'content-type': 'text/plain', ...verdict.headers });
    res.end(verdict.status === 200 ? 'ok' : String(verdict.status));
  });
}

interface HttpAuthDigest {
  check(next: Handler): Handler;
}

interface HttpAuthModule {
  digest(
    options: { realm: string; algorithm?: 'MD5' | 'MD5-sess'; qop?: 'auth' | 'none' },
    checker: (username: string, callback: (hash?: string) => void) => void,
  ): HttpAuthDigest;
}

const httpAuth = createRequire(import.meta.url)('http-auth') as HttpAuthModule;

/** Options of an http-auth Digest server. */
export interface HttpAuthOptions {
  readonly realm: string;
  readonly username: string;
  readonly password: string;
  readonly algorithm?: 'MD5' | 'MD5-sess';
  readonly qop?: 'auth' | 'none';
}

/** Serves `ok` behind http-auth's Digest implementation, an independent server from npm. */
export function serveHttpAuth(options: HttpAuthOptions): Promise<TestServer> {
  const { realm, username, password } = options;
  const ha1 = createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');
  const digest = httpAuth.digest(
    {
      realm,
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
      ...(options.qop ? { qop: options.qop } : {}),
    },
    (user, callback) => callback(user === username ? ha1 : undefined),
  );
  return startServer(digest.check((_req, res) => res.end('ok')));
}
