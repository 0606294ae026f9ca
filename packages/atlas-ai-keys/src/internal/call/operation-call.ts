import { OPERATIONS, type OperationId } from '@org/atlas-types';
import { AtlasPromise, type CallOutcome } from '../../atlas-promise.js';
import { type RequestPolicy, type ResolvedOptions, resolveRequestOptions } from '../../options.js';
import { PagePromise, type PageRequest } from '../../page-promise.js';
import type { OutgoingRequest } from '../http/outgoing-request.js';
import type { Reply } from '../http/reply.js';
import type { Transport } from '../http/transport.js';
import type { PageControl } from '../page-fetcher.js';
import { isRecord } from '../validation.js';
import { decodePage, decodeReply } from './decode.js';
import { type OperationRow, operationRequest, pageStart } from './operation-request.js';

/** What the calls of one client share. */
export interface CallContext {
  readonly options: ResolvedOptions;
  readonly transport: Transport;
  /** Throws when the client is closed. */
  readonly checkOpen: () => void;
}

/**
 * A method's call, started at once: an `AtlasPromise`, or a lazy `PagePromise` for a paginated
 * operation. Invalid arguments and options reject it before any request.
 */
export function callOperation(
  context: CallContext,
  operationId: OperationId,
  params: unknown,
  options: unknown,
): AtlasPromise<unknown> {
  const row: OperationRow = OPERATIONS[operationId];
  const { apiVersion } = context.options;
  if (!row.paginated) {
    return new AtlasPromise(() =>
      send(context, operationId, row, params, options, (reply) =>
        decodeReply(row, reply, apiVersion),
      ),
    );
  }
  const sendPage = (page?: PageRequest, control?: PageControl) =>
    send(
      context,
      operationId,
      row,
      // note: iteration asks for each page by overriding pageNum and itemsPerPage.
      page && isRecord(params) ? { ...params, ...page } : params,
      options,
      (reply) => decodePage(row, reply, apiVersion),
      control,
    );
  return new PagePromise(sendPage, () => {
    const { signal, pageConcurrency } = resolveRequestOptions(options, context.options);
    const warn = (why: string) =>
      context.options.logger.warn(`${operationId}: ${why}; iteration stops there`);
    return { first: pageStart(params), signal, concurrency: pageConcurrency, onStop: warn };
  });
}

/** Sends one call of an operation (one page of a list) and decodes what it answers. */
async function send<T>(
  context: CallContext,
  operationId: string,
  row: OperationRow,
  params: unknown,
  options: unknown,
  decode: (reply: Reply) => T,
  control?: PageControl,
): Promise<CallOutcome<T>> {
  context.checkOpen();
  const { options: client, transport } = context;
  const policy = resolveRequestOptions(options, client);
  const { target, body } = operationRequest(operationId, row, params);
  const request: OutgoingRequest = {
    method: row.method,
    url: new URL(client.baseHref + target),
    headers: requestHeaders(client, policy, body !== undefined),
    body: body === undefined ? null : JSON.stringify(body),
  };
  const reply = await transport.send(
    request,
    control ? { ...policy, signal: control.signal, onRetry: control.onRetry } : policy,
  );
  return { data: decode(reply), reply };
}

/**
 * The headers of a call: the client's, the request's own over them, and a body's media type.
 * note: a body goes in the version's media type, as Atlas's Go SDK and Terraform send it.
 */
function requestHeaders(
  client: ResolvedOptions,
  policy: RequestPolicy,
  withBody: boolean,
): Readonly<Record<string, string>> {
  if (policy === client.policy && !withBody) return client.headers;
  return {
    ...client.headers,
    ...(withBody ? { 'content-type': client.mediaType } : undefined),
    ...policy.headers,
    'user-agent': client.headers['user-agent'],
  };
}
