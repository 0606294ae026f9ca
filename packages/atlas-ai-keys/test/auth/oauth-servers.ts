import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';
import type { Authenticator } from '../../src/auth/authenticator.js';
import { captureLogger } from '../helpers/capture-logger.js';

export { captureLogger };

/** The API path both servers protect with the Bearer token. */
export const API_PATH = '/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/aiModelApiKeys';

/** What a token or revoke request carried. */
export interface RecordedRequest {
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly accept: string | undefined;
  readonly body: string;
}

/** A canned token endpoint answer. */
export interface CannedAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
}

/** Decodes an RFC 6749 §2.3.1 Basic header into the raw and decoded client id and secret. */
export function decodeBasic(header: string | undefined) {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const pair = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  if (colon < 0) return undefined;
  const encodedId = pair.slice(0, colon);
  const encodedSecret = pair.slice(colon + 1);
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  return { encodedId, encodedSecret, id: decode(encodedId), secret: decode(encodedSecret) };
}

/** Go's url.QueryEscape leaves only these characters as they are (and writes a space as +). */
const QUERY_ESCAPED = /^(?:[A-Za-z0-9\-_.~+]|%[0-9A-F]{2})*$/;

/** The problems with a client-credentials Basic header, compared with the expected credentials. */
export function basicProblems(header: string | undefined, id: string, secret: string): string[] {
  const decoded = decodeBasic(header);
  if (!decoded) return ['authorization is not Basic base64(id:secret)'];
  const problems: string[] = [];
  if (decoded.id !== id) problems.push('client id differs');
  if (decoded.secret !== secret) problems.push('client secret differs');
  if (!QUERY_ESCAPED.test(decoded.encodedId)) problems.push('client id is not form-URL-encoded');
  if (!QUERY_ESCAPED.test(decoded.encodedSecret))
    problems.push('client secret is not form-URL-encoded');
  return problems;
}

function record(request: IncomingMessage, body: string): RecordedRequest {
  return {
    method: request.method,
    path: request.url,
    authorization: request.headers.authorization,
    contentType: request.headers['content-type'],
    accept: request.headers.accept,
    body,
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'application/json',
) {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Options of the strict token server. */
export interface StrictServerOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** A path the server is mounted under, such as `/proxy`. */
  readonly prefix?: string;
}

/**
 * A token endpoint on node:http that checks every header and body field Atlas expects exactly,
 * with an API endpoint that only accepts tokens it issued (and did not revoke or refuse).
 */
export class StrictOAuthServer {
  readonly #server: Server;
  readonly #options: StrictServerOptions;
  #port = 0;
  /** Problems found in token or revoke requests; a passing test leaves it empty. */
  readonly violations: string[] = [];
  /** Every token request, in order. */
  readonly tokenRequests: RecordedRequest[] = [];
  /** Every revoke request, in order. */
  readonly revokeRequests: RecordedRequest[] = [];
  /** The Authorization header of every API request (undefined when absent), in order. */
  readonly apiAuthorizations: (string | undefined)[] = [];
  /** Tokens issued, in order; each contains TOKEN-SENTINEL. */
  readonly issued: string[] = [];
  /** Tokens the API answers 401 to. */
  readonly refused = new Set<string>();
  /** When set, refuses every token (the account lost its rights). */
  refuseAll = false;
  /** `expires_in` of issued tokens, in seconds; undefined leaves it out. */
  expiresIn: number | undefined = 3600;
  /** Delay before answering a token request. */
  tokenDelayMs = 0;
  /** Canned answers for the next token requests, used before issuing real tokens. */
  readonly cannedTokenAnswers: CannedAnswer[] = [];
  /** Status the revoke endpoint answers with. */
  revokeStatus = 200;

  private constructor(options: StrictServerOptions) {
    this.#options = options;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        send(response, 500, '{}');
      });
    });
  }

  /** Starts a server on 127.0.0.1 and an ephemeral port. */
  static async start(options: StrictServerOptions): Promise<StrictOAuthServer> {
    const server = new StrictOAuthServer(options);
    server.#port = await listen(server.#server);
    return server;
  }

  /** The base URL to give the client (with the prefix, if any). */
  get baseUrl(): URL {
    return new URL(`http://127.0.0.1:${this.#port}${this.#options.prefix ?? ''}`);
  }

  /** The protected API endpoint's URL. */
  get apiUrl(): URL {
    return new URL(`http://127.0.0.1:${this.#port}${this.#options.prefix ?? ''}${API_PATH}`);
  }

  /** The same API endpoint, reached under another origin (localhost instead of 127.0.0.1). */
  get otherOriginApiUrl(): URL {
    return new URL(`http://localhost:${this.#port}${this.#options.prefix ?? ''}${API_PATH}`);
  }

  /** Stops the server. */
  stop(): Promise<void> {
    return shut(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse) {
    const prefix = this.#options.prefix ?? '';
    const body = await readBody(request);
    switch (request.url) {
      case `${prefix}/api/oauth/token`:
        return this.#token(request, response, body);
      case `${prefix}/api/oauth/revoke`:
        return this.#revoke(request, response, body);
      case `${prefix}${API_PATH}`:
        return this.#api(request, response);
      default:
        this.violations.push(`unexpected ${request.method} ${request.url}`);
        return send(response, 404, '{}');
    }
  }

  #check(request: RecordedRequest, what: string, expectedBody: (body: string) => string[]) {
    const problems = [
      ...(request.method === 'POST' ? [] : [`method ${request.method}`]),
      ...basicProblems(request.authorization, this.#options.clientId, this.#options.clientSecret),
      ...(request.contentType === 'application/x-www-form-urlencoded'
        ? []
        : [`content-type ${request.contentType}`]),
      ...(request.accept === 'application/json' ? [] : [`accept ${request.accept}`]),
      ...expectedBody(request.body),
    ];
    this.violations.push(...problems.map((problem) => `${what}: ${problem}`));
    return problems.length === 0;
  }

  async #token(request: IncomingMessage, response: ServerResponse, body: string) {
    const recorded = record(request, body);
    this.tokenRequests.push(recorded);
    const valid = this.#check(recorded, 'token request', (text) =>
      text === 'grant_type=client_credentials' ? [] : ['body is not grant_type=client_credentials'],
    );
    if (this.tokenDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
    if (!valid) return send(response, 400, '{"error":"invalid_request"}');
    const canned = this.cannedTokenAnswers.shift();
    if (canned) return send(response, canned.status, canned.body, canned.contentType);
    const token = `TOKEN-SENTINEL-${this.issued.length + 1}-${randomUUID()}`;
    this.issued.push(token);
    const answer: Record<string, unknown> = { access_token: token, token_type: 'Bearer' };
    if (this.expiresIn !== undefined) answer.expires_in = this.expiresIn;
    return send(response, 200, JSON.stringify(answer));
  }

  #revoke(request: IncomingMessage, response: ServerResponse, body: string) {
    const recorded = record(request, body);
    this.revokeRequests.push(recorded);
    const valid = this.#check(recorded, 'revoke request', (text) => {
      const form = new URLSearchParams(text);
      const token = form.get('token') ?? '';
      return [
        ...(this.issued.includes(token) ? [] : ['token was not issued here']),
        ...(form.get('token_type_hint') === 'access_token' ? [] : ['token_type_hint']),
        ...([...form.keys()].length === 2 ? [] : ['extra form fields']),
      ];
    });
    if (valid) this.refused.add(new URLSearchParams(body).get('token') ?? '');
    return send(response, valid ? this.revokeStatus : 400, '');
  }

  #api(request: IncomingMessage, response: ServerResponse) {
    const authorization = request.headers.authorization;
    this.apiAuthorizations.push(authorization);
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const accepted =
      token !== undefined &&
      this.issued.includes(token) &&
      !this.refused.has(token) &&
      !this.refuseAll;
    if (!accepted) return send(response, 401, '{"error":401,"errorCode":"NOT_AUTHORIZED"}');
    return send(response, 200, '{"results":[],"totalCount":0}');
  }
}

/** Options of the oauth2-mock-server harness. */
export interface MockServerOptions {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * oauth2-mock-server's OAuth 2.0 service mounted at Atlas's paths, with an API endpoint on the
 * same origin that verifies the JWT it issued (RS256 signature from /jwks, issuer, expiry).
 */
export class MockOAuthServer {
  readonly #server: Server;
  readonly issuer = new OAuth2Issuer();
  readonly service: OAuth2Service;
  #port = 0;
  #jwks: Record<string, unknown>[] = [];
  /** Raw bodies of revoke requests (the mock does not parse them). */
  readonly revokeBodies: string[] = [];
  /** Authorization headers of the API requests, in order. */
  readonly apiAuthorizations: (string | undefined)[] = [];

  private constructor() {
    this.service = new OAuth2Service(this.issuer, {
      token: '/api/oauth/token',
      revoke: '/api/oauth/revoke',
    });
    const handler = this.service.requestHandler;
    this.#server = createServer((request, response) => {
      if (request.url?.startsWith('/api/atlas/')) return this.#api(request, response);
      if (request.url === '/api/oauth/revoke') {
        // note: the mock ignores the revoke body; read it here, before its handler runs.
        readBody(request).then((body) => {
          this.revokeBodies.push(body);
          handler(request, response);
        });
        return;
      }
      handler(request, response);
    });
  }

  /** Starts the harness on 127.0.0.1 and an ephemeral port, with a fresh RS256 key. */
  static async start(): Promise<MockOAuthServer> {
    const harness = new MockOAuthServer();
    await harness.issuer.keys.generate('RS256');
    harness.#port = await listen(harness.#server);
    harness.issuer.url = `http://127.0.0.1:${harness.#port}`;
    const jwks = (await (await fetch(`${harness.issuer.url}/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    harness.#jwks = jwks.keys;
    return harness;
  }

  /** The base URL to give the client. */
  get baseUrl(): URL {
    return new URL(`http://127.0.0.1:${this.#port}`);
  }

  /** The protected API endpoint's URL. */
  get apiUrl(): URL {
    return new URL(`http://127.0.0.1:${this.#port}${API_PATH}`);
  }

  /** Stops the harness. */
  stop(): Promise<void> {
    return shut(this.#server);
  }

  /** Forgets recorded requests and removes every hook, so one started harness serves many tests. */
  reset(): void {
    this.service.removeAllListeners();
    this.revokeBodies.length = 0;
    this.apiAuthorizations.length = 0;
  }

  /** Verifies an RS256 JWT against the published keys, its issuer and its expiry. */
  verifies(token: string): boolean {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return false;
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid?: string };
    const jwk = this.#jwks.find((key) => key.kid === kid);
    if (!jwk) return false;
    const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      key,
      Buffer.from(signature, 'base64url'),
    );
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      iss?: string;
      exp?: number;
    };
    return signed && claims.iss === this.issuer.url && (claims.exp ?? 0) > Date.now() / 1000;
  }

  #api(request: IncomingMessage, response: ServerResponse) {
    const authorization = request.headers.authorization;
    this.apiAuthorizations.push(authorization);
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token || !this.verifies(token)) return send(response, 401, '{"error":401}');
    return send(response, 200, '{"results":[],"totalCount":0}');
  }
}

/** Makes one authenticated GET through `authenticator`, as the client's transport does. */
export function call(
  authenticator: Authenticator,
  url: URL,
  signal: AbortSignal = new AbortController().signal,
): Promise<Response> {
  return authenticator.send({ method: 'GET', url, signal }, (authorization) =>
    fetch(
      new Request(url, {
        headers: authorization === undefined ? {} : { authorization },
        signal,
        redirect: 'manual',
      }),
    ),
  );
}

/** Makes `count` calls with at most `concurrency` under way; resolves with their statuses. */
export async function callMany(
  authenticator: Authenticator,
  url: URL,
  count: number,
  concurrency: number,
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await call(authenticator, url);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}
