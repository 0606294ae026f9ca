import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@stoplight/prism-core';
import type { IHttpConfig } from '@stoplight/prism-http';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

/** Absolute path of the repo's OpenAPI spec, the document the mock serves unless told otherwise. */
// src/ and dist/ both sit one level below the package root, so this holds for source and build.
export const defaultSpecPath: string = fileURLToPath(
  new URL('../../../spec/atlas-ai-model-api-keys.yaml', import.meta.url),
);

/** Options of {@link startMock}; every field has a default suited to tests. */
export interface StartMockOptions {
  /** TCP port; 0 (the default) picks a free one, so parallel runs never collide. */
  port?: number;
  /** Interface to bind; loopback by default so the mock is never reachable from outside. */
  host?: string;
  /** OpenAPI document to serve; defaults to {@link defaultSpecPath}. */
  specPath?: string;
  /** Generate bodies from the schemas instead of serving the spec's examples (default false). */
  dynamic?: boolean;
  /** Answer 500 when a response breaks its own schema, like `prism mock --errors` (default true). */
  errors?: boolean;
  /** Receives one line per Prism log message (requests, violations); silent when absent. */
  log?: (line: string) => void;
}

/** A running mock server. */
export interface AtlasMock {
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

/** Starts Stoplight Prism in this process on the spec, validating requests and responses. */
export async function startMock(options: StartMockOptions = {}): Promise<AtlasMock> {
  const {
    port = 0,
    host = '127.0.0.1',
    specPath = defaultSpecPath,
    dynamic = false,
    errors = true,
    log,
  } = options;

  const operations = await getHttpOperationsFromSpec(specPath);
  if (operations.length === 0) {
    throw new Error(`No operations found in ${specPath}`);
  }

  const logger = log
    ? createLogger('CLI', { level: 'info' }, lineWriter(log))
    : createLogger('CLI', { level: 'silent' });

  // The same configuration `prism mock` builds (prism-cli 5.14.2, util/createServer.js):
  // security and request checks on, responses checked against their schemas.
  const config: IHttpConfig = {
    isProxy: false,
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors,
    upstreamProxy: undefined,
    mock: { dynamic, ignoreExamples: false },
  };
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
      closing ??= server.close().then(async () => {
        // Node emits 'close' before libuv releases the socket handles; two loop turns later they
        // are gone, so callers that check for leaked handles right after close() see none.
        await nextLoopTurn();
        await nextLoopTurn();
      });
      return closing;
    },
  };
}
