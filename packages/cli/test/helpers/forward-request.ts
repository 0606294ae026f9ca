import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';

/**
 * Sends `incoming` on to `upstream` (plain http) with `headers`, and pipes the answer back to
 * `outgoing`; a failed upstream request drops the client's connection.
 */
export function forwardRequest(
  upstream: URL,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  headers: IncomingHttpHeaders,
): void {
  const out = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  out.on('error', () => outgoing.destroy());
  incoming.pipe(out);
}
