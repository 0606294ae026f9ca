import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { handlesReleased } from './handles-released.js';

/** An operation as Prism reads it from an OpenAPI document. */
export type Operation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

/** Reads the operations of an OpenAPI document (a path, a URL or the document itself). */
export async function loadOperations(document: string | object): Promise<Operation[]> {
  const operations = await getHttpOperationsFromSpec(document);
  if (operations.length === 0) {
    throw new Error(
      `No operations found in ${typeof document === 'string' ? document : 'the document'}`,
    );
  }
  return operations;
}

/** A Prism server that listens. */
export interface PrismServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** Stops listening and drops open keep-alive connections; safe to call twice. */
  close(): Promise<void>;
}

interface PinoLine {
  name?: string;
  msg?: string;
  input?: { method?: string; url?: { path?: string } };
}

/** Turns Prism's pino JSON lines into short readable lines, as `prism mock` prints them. */
function lineWriter(log: (line: string) => void): { write(chunk: string): void } {
  return {
    write(chunk: string) {
      for (const raw of chunk.split('\n')) {
        if (raw.trim() === '') continue;
        try {
          const line = JSON.parse(raw) as PinoLine;
          const request = line.input
            ? ` ${line.input.method?.toUpperCase()} ${line.input.url?.path ?? ''}`
            : '';
          log(`[${line.name ?? 'PRISM'}]${request} ${line.msg ?? ''}`);
        } catch {
          log(raw);
        }
      }
    },
  };
}

/** Where and how to run Prism. */
export interface PrismServerOptions {
  readonly operations: Operation[];
  readonly config: IHttpConfig;
  readonly port: number;
  readonly host: string;
  readonly log?: ((line: string) => void) | undefined;
}

/** Starts Stoplight Prism's HTTP server in this process, with the configuration given. */
export async function startPrismServer(options: PrismServerOptions): Promise<PrismServer> {
  const { operations, config, port, host, log } = options;
  const logger = log
    ? createLogger('CLI', { level: 'info' }, lineWriter(log))
    : createLogger('CLI', { level: 'silent' });
  const server = createServer(operations, {
    cors: true,
    config,
    components: { logger: logger.child({ name: 'HTTP SERVER' }) },
  });

  let address: string;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    // prism-http-server rejects with the bare message string, which loses the stack and code;
    // the code is read back from the message, so callers can tell a busy port from the rest.
    const code = /\b(E[A-Z]{2,})\b/.exec(String(error))?.[1];
    await handlesReleased();
    throw Object.assign(
      new Error(`Atlas mock could not listen on ${host}:${port}: ${String(error)}`),
      code === undefined ? {} : { code },
    );
  }
  const boundPort = address.slice(address.lastIndexOf(':') + 1);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= server.close().then(handlesReleased);
      return closing;
    },
  };
}
