import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DigestVerifier } from './digest-verifier.js';

/** How the server authenticates API requests; the bench switches it between batches. */
export type AuthMode = 'none' | 'digest' | 'digest-refuse-reuse' | 'digest-unchecked' | 'bearer';

/** What the server saw since the last reset. */
export interface Counters {
  /** Every HTTP request, token requests included. */
  requests: number;
  /** 401 answers carrying a WWW-Authenticate challenge. */
  challenges: number;
  /** POSTs to the token endpoint. */
  tokenRequests: number;
  /** When the first request arrived, in ms since the epoch (performance clock); 0 for none. */
  firstRequestAt: number;
}

/** How the server answers; the bench switches it between batches. */
export interface ServerSettings {
  readonly mode?: AuthMode;
  /** Added before every answer, to model network latency. */
  readonly delayMs?: number;
  /** How many keys the project's list holds, served in pages as Atlas does. */
  readonly listSize?: number;
  /** Added to `listSize` in the `totalCount` pages report: Atlas calls it an estimate. */
  readonly totalCountError?: number;
}

/** Milliseconds since the epoch, from the performance clock, comparable across processes. */
export const now = (): number => performance.timeOrigin + performance.now();

const noCounters = (): Counters => ({
  requests: 0,
  challenges: 0,
  tokenRequests: 0,
  firstRequestAt: 0,
});

/** Credentials the server accepts, and the key it serves. */
export const CREDENTIALS = {
  publicKey: 'benchpub',
  privateKey: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
  clientId: 'mdb_sa_id_bench0123456789',
  clientSecret: 'mdb_sa_sk_bench9876543210abcdef',
} as const;

/** The key the server returns, shaped like the spec's example. */
export const KEY = {
  apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj',
  createdAt: '2025-06-02T14:21:09Z',
  createdBy: 'jane.doe@example.com',
  groupId: '32b6e34b3d91647abb20e7b8',
  lastUsedAt: '2025-06-18T08:02:44Z',
  maskedSecret: 'al-****odu2',
  name: 'embeddings-production',
  status: 'ACTIVE',
} as const;

/** The path of the served key. */
export const KEY_PATH = `/api/atlas/v2/groups/${KEY.groupId}/aiModelApiKeys/${KEY.apiKeyId}`;

const KEY_ROUTE = /^\/api\/atlas\/v2\/groups\/([0-9a-f]{24})\/aiModelApiKeys\/([^/?]+)(\?.*)?$/;
const COLLECTION_ROUTE = /^\/api\/atlas\/v2\/groups\/([0-9a-f]{24})\/aiModelApiKeys(\?.*)?$/;
const VERSIONED = 'application/vnd.atlas.2025-03-12+json';
const KEY_BODY = JSON.stringify(KEY);
const UNAUTHORIZED_BODY = JSON.stringify({
  error: 401,
  errorCode: 'UNAUTHORIZED',
  detail: 'Current user is not authorized to perform this action.',
  reason: 'Unauthorized',
});
const EXPECTED_BASIC = `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')}`;

/** A local Atlas stand-in: the key endpoint, Digest or Bearer auth, a token endpoint and counters. */
export class BenchServer {
  /** The current auth mode. */
  mode: AuthMode = 'none';
  /** Added before every answer, to model network latency. */
  delayMs = 0;
  /** How many keys the project's list holds, served in pages as Atlas does. */
  listSize = 0;
  /** Added to `listSize` in the `totalCount` pages report. */
  totalCountError = 0;
  #counters: Counters = noCounters();
  readonly #server: Server;
  readonly #digest = new DigestVerifier(CREDENTIALS.publicKey, CREDENTIALS.privateKey, 'reuse');
  readonly #digestRefusing = new DigestVerifier(
    CREDENTIALS.publicKey,
    CREDENTIALS.privateKey,
    'refuse-reuse',
  );
  readonly #tokens = new Set<string>();
  #url = '';

  constructor() {
    this.#server = createServer((request, response) => this.#handle(request, response));
    // Rows idle while the other rows of a round run; connections must survive that.
    this.#server.keepAliveTimeout = 120_000;
  }

  /** The base URL, once listening. */
  get url(): string {
    return this.#url;
  }

  /** Listens on an ephemeral port of 127.0.0.1. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}`;
  }

  /** A bearer token the server accepts, as if a service account had been granted it. */
  issueToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.#tokens.add(token);
    return token;
  }

  /** Applies the settings given; the others stay as they are. */
  configure(settings: ServerSettings): void {
    this.mode = settings.mode ?? this.mode;
    this.delayMs = settings.delayMs ?? this.delayMs;
    this.listSize = settings.listSize ?? this.listSize;
    this.totalCountError = settings.totalCountError ?? this.totalCountError;
  }

  /** Returns the counters and starts new ones. */
  takeCounters(): Counters {
    const counters = this.#counters;
    this.#counters = noCounters();
    return counters;
  }

  /** Stops listening and drops idle connections. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    if (this.#counters.requests++ === 0) this.#counters.firstRequestAt = now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = () => this.#route(request, Buffer.concat(chunks).toString('utf8'), response);
      if (this.delayMs > 0) setTimeout(answer, this.delayMs);
      else answer();
    });
  }

  #route(request: IncomingMessage, body: string, response: ServerResponse): void {
    const target = request.url ?? '/';
    if (request.method === 'POST' && target === '/api/oauth/token') {
      this.#counters.tokenRequests++;
      this.#token(request, body, response);
      return;
    }
    if (request.method === 'POST' && target === '/api/oauth/revoke') {
      const token = new URLSearchParams(body).get('token');
      if (token) this.#tokens.delete(token);
      send(response, 200, '{}', 'application/json');
      return;
    }
    const collection = COLLECTION_ROUTE.exec(target);
    if (collection && collection[1] === KEY.groupId) {
      if (!this.#authorized(request, target, response)) return;
      if (request.method === 'POST') {
        send(
          response,
          201,
          JSON.stringify({ ...KEY, ...JSON.parse(body), secret: 'al-bench' }),
          VERSIONED,
        );
      } else this.#page(new URLSearchParams(collection[2]?.slice(1)), response);
      return;
    }
    const match = KEY_ROUTE.exec(target);
    if (request.method === 'DELETE' && match?.[1] === KEY.groupId) {
      if (!this.#authorized(request, target, response)) return;
      response.writeHead(204).end();
      return;
    }
    if (request.method !== 'GET' || !match) {
      send(response, 404, '{"error":404,"errorCode":"NOT_FOUND"}', 'application/json');
      return;
    }
    if (match[1] !== KEY.groupId || match[2] !== KEY.apiKeyId) {
      send(response, 404, '{"error":404,"errorCode":"NOT_FOUND"}', 'application/json');
      return;
    }
    if (!this.#authorized(request, target, response)) return;
    send(response, 200, KEY_BODY, 'application/vnd.atlas.preview+json');
  }

  /** One page of the project's `listSize` keys, by `pageNum` and `itemsPerPage` (default 100). */
  #page(query: URLSearchParams, response: ServerResponse): void {
    const size = Number(query.get('itemsPerPage') ?? 100);
    const from = (Number(query.get('pageNum') ?? 1) - 1) * size;
    const count = Math.max(0, Math.min(size, this.listSize - from));
    const results = Array.from({ length: count }, (_, i) => ({
      ...KEY,
      apiKeyId: `key-${from + i}`,
    }));
    send(
      response,
      200,
      JSON.stringify({ results, totalCount: this.listSize + this.totalCountError, links: [] }),
      VERSIONED,
    );
  }

  /** True when the request may proceed; otherwise the 401 has been sent. */
  #authorized(request: IncomingMessage, target: string, response: ServerResponse): boolean {
    const authorization = request.headers.authorization;
    switch (this.mode) {
      case 'none':
        return true;
      case 'bearer': {
        const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
        if (token !== undefined && this.#tokens.has(token)) return true;
        send(response, 401, UNAUTHORIZED_BODY, 'application/json');
        return false;
      }
      case 'digest':
      case 'digest-refuse-reuse':
      case 'digest-unchecked': {
        // note: in `digest-unchecked` any Digest answer passes unchecked, so the server does the
        // same work as with no auth; the client's row then shows what signing costs it alone.
        if (this.mode === 'digest-unchecked' && authorization?.startsWith('Digest ')) return true;
        const verifier = this.mode === 'digest-refuse-reuse' ? this.#digestRefusing : this.#digest;
        const verdict = verifier.verify(request.method ?? 'GET', target, authorization);
        if (verdict.ok) return true;
        this.#counters.challenges++;
        send(response, 401, UNAUTHORIZED_BODY, 'application/json', {
          'www-authenticate': verdict.challenge,
        });
        return false;
      }
    }
  }

  #token(request: IncomingMessage, body: string, response: ServerResponse): void {
    const grant = new URLSearchParams(body).get('grant_type');
    if (request.headers.authorization !== EXPECTED_BASIC || grant !== 'client_credentials') {
      send(response, 401, '{"error":"invalid_client"}', 'application/json');
      return;
    }
    const token = randomBytes(24).toString('base64url');
    this.#tokens.add(token);
    const answer = JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 });
    send(response, 200, answer, 'application/json');
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}
