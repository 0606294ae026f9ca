import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One way of answering (or not answering) a request. */
export type Fault =
  | {
      readonly kind: 'json';
      readonly body: unknown;
      readonly status?: number;
      readonly headers?: Record<string, string>;
    }
  | {
      readonly kind: 'raw';
      readonly status: number;
      readonly body: string;
      readonly headers?: Record<string, string>;
    }
  /** Destroys the socket as soon as the request arrives, before any byte of an answer. */
  | { readonly kind: 'reset' }
  /** Reads the request and never answers. */
  | { readonly kind: 'hang' }
  /**
   * Sends a 200's headers at once (marked `x-fault: trickle`), then one byte of JSON whitespace
   * per interval, never ending.
   */
  | { readonly kind: 'trickle'; readonly intervalMs: number }
  /** Declares `declared` bytes, sends `sent`, then destroys the socket. */
  | { readonly kind: 'truncated'; readonly declared: number; readonly sent: string }
  /** A 200 of `bytes` bytes, declared in content-length or sent chunked. */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly contentLength: boolean }
  /** A 200 whose chunked body never ends: 64 KiB of JSON whitespace each time the socket drains. */
  | { readonly kind: 'endless' }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string };

/** A request as the server received it. */
export interface SeenRequest {
  readonly method: string;
  /** The raw request-target: path and query exactly as sent. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Resolves when the connection the request came on has closed. */
  readonly connectionClosed: Promise<void>;
}

/** Chooses the fault for the `index`-th request (from 0). */
export type Responder = (request: SeenRequest, index: number) => Fault;

/** A node:http server on 127.0.0.1 that answers with scripted faults and records every request. */
export interface FaultServer {
  /** Base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: SeenRequest[];
  /** Replaces how requests are answered. */
  respond(responder: Responder): void;
  /** Answers requests with `faults` in order; the last one answers every later request. */
  script(...faults: Fault[]): void;
  /** Calls `listener` for each request answered with a hang, once the whole request is in. */
  onHang(listener: (request: SeenRequest) => void): void;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/vnd.atlas.preview+json';

/** A fault that answers with a JSON body (200 unless `status` says otherwise). */
export function jsonFault(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Fault {
  return { kind: 'json', body, status, headers };
}

/** Starts a fault server on an ephemeral loopback port; it answers 404 until scripted. */
export async function startFaultServer(): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const hangListeners: ((request: SeenRequest) => void)[] = [];
  let responder: Responder = () => ({ kind: 'raw', status: 404, body: 'not scripted' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const connectionClosed = req.socket.destroyed
      ? Promise.resolve()
      : new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        target: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        connectionClosed,
      };
      requests.push(seen);
      const fault = responder(seen, requests.length - 1);
      answer(fault, req, res);
      if (fault.kind === 'hang') for (const listener of hangListeners) listener(seen);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      responder = next;
    },
    script(...faults) {
      responder = (_, index) => faults[Math.min(index, faults.length - 1)] as Fault;
    },
    onHang(listener) {
      hangListeners.push(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // note: hanging and trickling answers keep sockets open that close() alone would wait for.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.kind) {
    case 'json': {
      const body = JSON.stringify(fault.body);
      const status = fault.status ?? 200;
      const type = status < 300 ? JSON_TYPE : 'application/json';
      res.writeHead(status, { 'content-type': type, ...fault.headers });
      res.end(body);
      return;
    }
    case 'raw':
      res.writeHead(fault.status, {
        'content-length': String(Buffer.byteLength(fault.body)),
        ...fault.headers,
      });
      res.end(fault.body);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      return;
    case 'trickle': {
      res.writeHead(200, { 'content-type': JSON_TYPE, 'x-fault': 'trickle' });
      res.flushHeaders();
      const timer = setInterval(() => res.write(' '), fault.intervalMs);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'truncated':
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(fault.declared) });
      res.write(fault.sent, () => res.destroy());
      return;
    case 'oversized': {
      const chunk = ' '.repeat(1024);
      const headers: Record<string, string> = { 'content-type': JSON_TYPE };
      if (fault.contentLength) headers['content-length'] = String(fault.bytes);
      res.writeHead(200, headers);
      // note: a client that stops reading closes the socket; writes after that are moot.
      res.on('error', () => {});
      for (let sent = 0; sent < fault.bytes; sent += chunk.length) {
        res.write(chunk.slice(0, Math.min(chunk.length, fault.bytes - sent)));
      }
      res.end();
      return;
    }
    case 'endless': {
      const chunk = ' '.repeat(64 * 1024);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.on('error', () => {});
      const more = () => {
        while (!res.destroyed && res.write(chunk)) {}
      };
      res.on('drain', more);
      more();
      return;
    }
    case 'redirect':
      res.writeHead(fault.status, { location: fault.location, 'content-length': '0' });
      res.end();
      return;
  }
}
