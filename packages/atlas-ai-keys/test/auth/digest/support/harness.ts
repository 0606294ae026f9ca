import { type Agent, request as httpRequest } from 'node:http';
import type { AuthContext, Authenticator, Exchange } from '../../../../src/auth/authenticator.js';
import {
  DigestAuthenticator,
  type DigestAuthenticatorOptions,
} from '../../../../src/auth/digest/digest-authenticator.js';
import type { Logger } from '../../../../src/logger.js';
import { captureLogger } from '../../../helpers/capture-logger.js';

export { captureLogger };

/** Public key used throughout the digest tests. */
export const PUBLIC_KEY = 'abcdefgh';
/** A private key no output may ever contain. */
export const PRIVATE_KEY = 'SENTINEL-6f1d2c-private-key';
/** Atlas's realm. */
export const REALM = 'MMS Public API';

/** An AuthContext for `baseUrl` with the global fetch. */
export function contextFor(baseUrl: URL, logger: Logger = captureLogger().logger): AuthContext {
  return { fetch: globalThis.fetch, baseUrl, logger, maxResponseBytes: 1 << 20 };
}

/** A digest authenticator for `baseUrl` with the test credentials unless others are given. */
export function digestFor(
  baseUrl: URL,
  options: DigestAuthenticatorOptions & { privateKey?: string; logger?: Logger } = {},
): Authenticator {
  const { privateKey = PRIVATE_KEY, logger, ...rest } = options;
  return new DigestAuthenticator(
    { publicKey: PUBLIC_KEY, privateKey },
    contextFor(baseUrl, logger),
    rest,
  );
}

/** What one call through an authenticator cost and got. */
export interface CallResult {
  readonly status: number;
  /** Exchanges (HTTP requests) the call made. */
  readonly requests: number;
  /** Authorization headers sent, `undefined` for unauthenticated requests. */
  readonly authorizations: (string | undefined)[];
}

/** One HTTP exchange over node:http and `agent`, for tests that need requests sent in order. */
function agentExchange(agent: Agent, url: URL, method: string, signal: AbortSignal): Exchange {
  return (authorization) =>
    new Promise((resolve, reject) => {
      const headers = authorization ? { authorization } : {};
      const req = httpRequest(url, { agent, method, headers, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve(
            new Response(Buffer.concat(chunks), {
              status: res.statusCode ?? 500,
              headers: responseHeaders,
            }),
          );
        });
      });
      req.on('error', reject);
      req.end();
    });
}

/**
 * Makes one call through `authenticator`, reading the body. The exchange is a plain fetch, or
 * node:http over `agent` when given (one socket keeps requests in the order they were sent).
 */
export async function call(
  authenticator: Authenticator,
  url: URL,
  init: { method?: string; signal?: AbortSignal; agent?: Agent } = {},
): Promise<CallResult> {
  const method = init.method ?? 'GET';
  const signal = init.signal ?? new AbortController().signal;
  const authorizations: (string | undefined)[] = [];
  const send: Exchange = init.agent
    ? agentExchange(init.agent, url, method, signal)
    : (authorization) =>
        fetch(url, { method, headers: authorization ? { authorization } : {}, signal });
  const exchange: Exchange = (authorization) => {
    authorizations.push(authorization);
    return send(authorization);
  };
  const response = await authenticator.send({ method, url, signal }, exchange);
  await response.arrayBuffer();
  return { status: response.status, requests: authorizations.length, authorizations };
}

/** Runs `task(0..total-1)` with at most `concurrency` in flight; results in index order. */
export async function pool<T>(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return results;
}

/** The value of one Authorization parameter, for assertions. */
export function param(authorization: string | undefined, name: string): string | undefined {
  const match = new RegExp(`[ ,]${name}=("((?:[^"\\\\]|\\\\.)*)"|[^",\\s]+)`).exec(
    ` ${authorization?.replace(/^Digest /, '') ?? ''}`,
  );
  if (!match) return undefined;
  return match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[1];
}
