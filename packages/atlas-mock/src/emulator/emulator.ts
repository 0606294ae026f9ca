import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESET_PATH } from '../control.js';
import { handlesReleased } from '../handles-released.js';
import type { Operation } from '../prism-server.js';
import { atlasError } from './atlas-error.js';
import { operationRouter } from './operation-router.js';
import {
  acceptedMediaType,
  declaredResponse,
  preferredStatus,
  queryValues,
  successStatus,
} from './operation-spec.js';
import type { EmulatedResponse, ResourceFactory } from './resource.js';

/** The in-memory emulator that Prism's validation proxy forwards to. */
export interface Emulator {
  /** Its own loopback address, Prism's upstream. */
  readonly url: string;
  /** The operationIds of the spec that no resource answers; Prism serves their examples instead. */
  readonly unemulated: readonly string[];
  /** The address clients call, Prism's: the links of a page point there. */
  publicUrl: string;
  /** Forgets every change: back to the state the mock starts with. */
  reset(): void;
  close(): Promise<void>;
}

/** What goes back to Prism. */
interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

// note: Prism's proxy answers a 501 from upstream by mocking the call from the spec, exactly as
// its static mock would: the fallback for an operation no resource answers yet, and for a
// `Prefer: code=…` the operation does not declare, which Prism then refuses as it always does.
const SERVE_FROM_SPEC: Reply = { status: 501, headers: {} };

/** The request's body, decoded (Prism forwards bodies it has checked as JSON). */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

/** The answer to `Prefer: code=<status>` for an error the operation declares, Retry-After and all. */
function requestedError(operation: Operation, status: number): EmulatedResponse {
  const declared = declaredResponse(operation, status);
  const example = declared?.contents?.[0]?.examples?.[0];
  const value = example && 'value' in example ? (example.value as { errorCode?: unknown }) : {};
  const errorCode = typeof value.errorCode === 'string' ? value.errorCode : 'UNEXPECTED_ERROR';
  const retryAfter = declared?.headers?.some((header) => /^retry-after$/i.test(header.name));
  return atlasError(
    status,
    errorCode,
    `Answered ${status} as the request asked (Prefer: code=${status}).`,
    retryAfter ? { 'Retry-After': '1' } : undefined,
  );
}

/**
 * The media type of an answer with `status`: for a success, the one negotiated when the operation
 * declares it; otherwise the first the operation declares for that status (errors are JSON).
 */
function contentTypeOf(
  operation: Operation,
  status: number,
  negotiated: string,
): string | undefined {
  const declared = (declaredResponse(operation, status)?.contents ?? []).map((c) => c.mediaType);
  if (status < 300) return declared.includes(negotiated) ? negotiated : declared[0];
  return declared[0] ?? 'application/json';
}

function replyOf(response: EmulatedResponse, contentType: string | undefined): Reply {
  const headers: Record<string, string> = { ...response.headers };
  if (contentType !== undefined) headers['content-type'] = contentType;
  return response.body === undefined
    ? { status: response.status, headers }
    : { status: response.status, headers, body: JSON.stringify(response.body) };
}

/** Starts the emulator of `resources` for the spec's `operations` on a free loopback port. */
export async function startEmulator(
  operations: readonly Operation[],
  resources: readonly ResourceFactory[],
): Promise<Emulator> {
  const context = {
    operation(operationId: string): Operation {
      const operation = operations.find((candidate) => candidate.iid === operationId);
      if (operation === undefined) throw new Error(`The spec has no operation ${operationId}`);
      return operation;
    },
    now: () => new Date(),
  };
  const held = resources.map((resource) => resource(context));
  const handlers = new Map(held.flatMap((resource) => Object.entries(resource.handlers)));
  const route = operationRouter(operations);
  const reset = () => {
    for (const resource of held) resource.reset();
  };

  async function answer(request: IncomingMessage, publicUrl: string): Promise<Reply> {
    const url = new URL(request.url ?? '/', publicUrl);
    const body = await readJson(request);
    if (request.method === 'POST' && url.pathname === RESET_PATH) {
      reset();
      return { status: 204, headers: {} };
    }
    const routed = route(request.method ?? 'GET', url.pathname);
    const handler = routed && handlers.get(routed.operation.iid ?? '');
    if (routed === undefined || handler === undefined) return SERVE_FROM_SPEC;
    const { operation, path } = routed;

    const mediaType = acceptedMediaType(operation, request.headers.accept);
    if (mediaType === undefined) {
      const versions = declaredResponse(operation, successStatus(operation))?.contents ?? [];
      const detail =
        `The Accept header asks for ${request.headers.accept ?? 'nothing'}; this resource is ` +
        `served as ${versions.map((content) => content.mediaType).join(', ')}.`;
      return replyOf(atlasError(406, 'INVALID_VERSION_DATE', detail), 'application/json');
    }

    const asked = preferredStatus(request.headers.prefer);
    if (asked !== undefined && asked !== successStatus(operation)) {
      if (asked < 400 || declaredResponse(operation, asked) === undefined) return SERVE_FROM_SPEC;
      return replyOf(requestedError(operation, asked), contentTypeOf(operation, asked, mediaType));
    }

    // note: `envelope` and `pretty` are accepted and not acted on. Prism serialises every body
    // again, and an enveloped key would fail its validation: the spec does not describe the
    // envelope, whose numeric `status` clashes with the key's own `status` field.
    const response = handler({ path, query: queryValues(operation, url.searchParams), body, url });
    return replyOf(response, contentTypeOf(operation, response.status, mediaType));
  }

  const emulator = {
    url: '',
    publicUrl: '',
    unemulated: operations
      .map((operation) => operation.iid ?? `${operation.method.toUpperCase()} ${operation.path}`)
      .filter((operationId) => !handlers.has(operationId)),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }).then(handlesReleased),
  };

  const send = (response: ServerResponse, reply: Reply) => {
    response.writeHead(reply.status, reply.headers).end(reply.body);
  };
  const server = createServer((request, response) => {
    answer(request, emulator.publicUrl || emulator.url).then(
      (reply) => send(response, reply),
      (error: unknown) => {
        const detail = `The mock failed: ${error instanceof Error ? error.message : String(error)}`;
        send(response, replyOf(atlasError(500, 'UNEXPECTED_ERROR', detail), 'application/json'));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  emulator.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return emulator;
}
