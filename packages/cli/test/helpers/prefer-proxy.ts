import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardRequest } from './forward-request.js';

/** A request the proxy passed on: method and path, as the mock received them, and its JSON body if any. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  body?: unknown;
}

/** A running proxy in front of the mock. */
export interface PreferProxy {
  /** Base URL to give the command as `--base-url`. */
  readonly url: string;
  /** Every request that reached the proxy, in order. */
  readonly seen: SeenRequest[];
  /** Status to ask Prism for on the next requests (`Prefer: code=…`); undefined passes them as they are. */
  code: number | undefined;
  /** The methods whose requests get `code`; the others pass unchanged (all when empty). */
  onlyFor: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a forwarding proxy on an ephemeral loopback port that records every request and, when
 * `code` is set, adds what Prism needs to answer with that declared error: `Prefer: code=NNN`,
 * and `application/json` (the error bodies' media type) in `Accept` beside the versioned type.
 * The command under test needs no test-only flag for this.
 */
export async function startPreferProxy(target: string): Promise<PreferProxy> {
  const upstream = new URL(target);
  const proxy: PreferProxy = {
    url: '',
    seen: [],
    code: undefined,
    onlyFor: [],
    close: async () => {},
  };
  const server = createServer((incoming: IncomingMessage, outgoing) => {
    const method = incoming.method ?? 'GET';
    const seen: SeenRequest = { method, path: incoming.url ?? '' };
    proxy.seen.push(seen);
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      // note: only JSON bodies are kept; a service account's token request is a form.
      if (chunks.length > 0 && /json/.test(incoming.headers['content-type'] ?? '')) {
        seen.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      }
    });
    const headers: Record<string, string | string[] | undefined> = {
      ...incoming.headers,
      host: upstream.host,
    };
    const applies = proxy.onlyFor.length === 0 || proxy.onlyFor.includes(method);
    if (proxy.code !== undefined && applies) {
      headers.prefer = `code=${proxy.code}`;
      headers.accept = `${incoming.headers.accept ?? ''}, application/json`;
    }
    forwardRequest(upstream, incoming, outgoing, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
