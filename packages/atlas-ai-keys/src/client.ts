import {
  type AiModelApiKeyMediaType,
  OPERATIONS,
  type OperationId,
  type paths,
  RESOURCES,
  SECRET_FIELDS,
} from '@org/atlas-types';
import type { Client } from 'openapi-fetch';
import { AtlasPromise, type WithResponse } from './atlas-promise.js';
import { createAuthenticator } from './auth/auth.js';
import type { Authenticator } from './auth/authenticator.js';
import { BufferedResponse } from './buffered-response.js';
import { isEnvelope } from './envelope.js';
import { errorFromResponse, excerpt, invalidResponse } from './error-from-response.js';
import { AtlasError, type AtlasRequestSummary } from './errors.js';
import { createOpenApiClient } from './openapi-fetch.js';
import type { OperationParams, ResourceMethods } from './operation-methods.js';
import { type OperationRow, operationRequest } from './operation-request.js';
import {
  type AtlasAiKeysClientOptions,
  type RequestOptions,
  type ResolvedOptions,
  resolveOptions,
  resolveRequestOptions,
} from './options.js';
import { PagePromise, type PageRequest } from './page-promise.js';
import { hideSecrets } from './secret-fields.js';
import { type CallPolicy, createTransport, summarize, type TransportFetch } from './transport.js';
import { userAgent } from './user-agent.js';
import { isRecord, nestsDeeperThan } from './validation.js';

/** Parameters of `getGroupAiModelApiKey`: the path ids and the query flags. */
export type GetGroupAiModelApiKeyParams = OperationParams<'getGroupAiModelApiKey'>;

/** The typed openapi-fetch client, sharing the client's auth, retries and timeouts. */
export type AtlasOpenApiClient = Client<paths, AiModelApiKeyMediaType>;

/** The client's resource groups (`keys`, `rateLimits`), a method per operation of the spec. */
export interface AtlasAiKeysClient extends ResourceMethods {}

/** Client for the Atlas AI model API keys and rate limits API. Create it with `createAtlasAiKeysClient`. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface's resource groups are defined from the generated table in the constructor
export class AtlasAiKeysClient {
  /** The typed openapi-fetch client for calls this class does not wrap; it returns `{ data, error, response }`. */
  readonly api: AtlasOpenApiClient;
  readonly #options: ResolvedOptions;
  readonly #authenticator: Authenticator | undefined;
  readonly #transport: (policy: CallPolicy) => TransportFetch;
  #closed = false;

  constructor(options: AtlasAiKeysClientOptions = {}) {
    const resolved = resolveOptions(options);
    this.#options = resolved;
    this.#authenticator = createAuthenticator(resolved.auth, {
      fetch: resolved.fetch,
      baseUrl: resolved.baseUrl,
      logger: resolved.logger,
      maxResponseBytes: resolved.maxResponseBytes,
    });
    this.#transport = createTransport({
      fetch: resolved.fetch,
      fetchIsGlobal: options.fetch === undefined,
      authenticator: this.#authenticator,
      origin: resolved.baseUrl.origin,
      logger: resolved.logger,
      headers: { 'user-agent': userAgent(resolved.userAgent) },
      maxResponseBytes: resolved.maxResponseBytes,
      retryDelays: resolved.retryDelays,
    });
    // note: one method per entry of the generated table, in the style of Octokit's endpoint
    // methods: an operation added to the spec becomes a method with no code here. The groups are
    // not enumerable, so inspecting a client shows its settings, not twenty functions.
    for (const [group, methods] of Object.entries(RESOURCES)) {
      const bound: Record<string, unknown> = {};
      for (const [name, operationId] of Object.entries(methods)) {
        bound[name] = (params: unknown, options?: RequestOptions) =>
          this.#invoke(operationId, params, options);
      }
      Object.defineProperty(this, group, { value: Object.freeze(bound) });
    }
    this.api = hidingSecrets(
      createOpenApiClient<paths, AiModelApiKeyMediaType>({
        baseUrl: resolved.baseUrl.href.replace(/\/$/, ''),
        headers: { accept: resolved.mediaType },
        fetch: this.#transport(resolved),
      }),
    );
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.#options.baseUrl.href.replace(/\/$/, '');
  }

  /** The API version requested in `Accept`. */
  get apiVersion(): string {
    return this.#options.apiVersion;
  }

  /** Releases what the client holds (a service account's token is revoked); later calls fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#authenticator?.close();
  }

  /** A safe summary for logs: never credentials. */
  toJSON(): { baseUrl: string; apiVersion: string; auth: string } {
    return {
      baseUrl: this.baseUrl,
      apiVersion: this.apiVersion,
      auth: this.#options.auth?.type ?? 'none',
    };
  }

  #invoke(operationId: OperationId, params: unknown, options: RequestOptions | undefined) {
    const row: OperationRow = OPERATIONS[operationId];
    const send = (page?: PageRequest) =>
      this.#call(options, async (fetch, headers) => {
        // note: iteration asks for each page by overriding pageNum and itemsPerPage.
        const pageParams = page && isRecord(params) ? { ...params, ...page } : params;
        const { path, query, body } = operationRequest(operationId, row, pageParams);
        // note: a row's method and path are plain strings to openapi-fetch's types, which want
        // one literal path; the operation tests check what each row sends.
        const { data, error, response } = await this.api.request(
          row.method as 'get',
          row.path as never,
          {
            params: Object.keys(query).length > 0 ? { path, query } : { path },
            body,
            // note: a body goes in the version's media type, as Atlas's Go SDK and Terraform send it.
            headers: body ? { 'content-type': this.#options.mediaType, ...headers } : headers,
            parseAs: 'text',
            fetch,
          } as never,
        );
        return decode(row, this.#options.apiVersion, response, data as string | undefined, error);
      });
    if (!row.paginated) return new AtlasPromise(() => send());
    const { pageNum, itemsPerPage } = (isRecord(params) ? params : {}) as PageRequest;
    return new PagePromise(send as never, { pageNum, itemsPerPage }, (why) =>
      this.#options.logger.warn(`${operationId}: ${why}; iteration stops there`),
    );
  }

  async #call<T>(
    options: RequestOptions | undefined,
    run: (fetch: TransportFetch, headers: Record<string, string>) => Promise<WithResponse<T>>,
  ): Promise<WithResponse<T>> {
    if (this.#closed) throw new AtlasError('the client is closed');
    const request = resolveRequestOptions(options, this.#options);
    return run(this.#transport(request), request.headers);
  }
}

/** Creates a client for the Atlas AI model API keys and rate limits API. */
export function createAtlasAiKeysClient(options?: AtlasAiKeysClientOptions): AtlasAiKeysClient {
  return new AtlasAiKeysClient(options);
}

/**
 * openapi-fetch's client, each call hiding the spec's secret fields of what it decoded (within
 * an envelope too), as the methods' results hide them.
 */
function hidingSecrets(api: AtlasOpenApiClient): AtlasOpenApiClient {
  for (const [name, call] of Object.entries(api)) {
    if (!/^([A-Z]+|request)$/.test(name)) continue;
    Object.assign(api, {
      [name]: async (...args: unknown[]) => {
        const result = await call(...args);
        const { data } = result;
        hideSecrets(isEnvelope(data) ? data.content : data, SECRET_FIELDS);
        return result;
      },
    });
  }
  return api;
}

/** How deep a body may nest: the spec's deepest document, an enveloped 400, nests 5 levels. */
const MAX_NESTING = 64;

/**
 * Turns what openapi-fetch read (`parseAs: 'text'` for success, decoded JSON or text for errors)
 * into the resource or a typed error, unwrapping `envelope=true` bodies and hiding secret fields.
 */
function decode(
  row: OperationRow,
  apiVersion: string,
  response: Response,
  text: string | undefined,
  error: unknown,
): WithResponse<unknown> {
  // note: only errors need the summary; a success does not pay for parsing the URL again.
  const request = () => summarize(row.method, new URL(response.url));
  // note: a body nested deeper than any the spec describes is refused before anything walks it.
  const refuseDeep = (body: unknown) => {
    if (nestsDeeperThan(body, MAX_NESTING)) {
      throw invalidResponse(response, request(), `body nested over ${MAX_NESTING} levels deep`);
    }
  };
  if (!response.ok) {
    refuseDeep(error);
    throw errorFromResponse(response, request(), unwrapError(error), apiVersion);
  }
  if (row.status === 204) return { data: undefined, response };
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    throw invalidBody(response, request(), text);
  }
  refuseDeep(body);
  if (isEnvelope(body)) {
    if (body.status >= 300) {
      const enveloped = { status: body.status, headers: response.headers };
      // note: what the error shows is read again from the text without the request's credentials.
      let content: unknown = BufferedResponse.redact(response, text ?? '');
      try {
        content = (JSON.parse(content as string) as { content: unknown }).content;
      } catch {}
      throw errorFromResponse(enveloped, request(), content, apiVersion);
    }
    body = body.content;
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body) ||
    (row.paginated && !Array.isArray((body as { results?: unknown }).results))
  ) {
    throw invalidBody(response, request(), text);
  }
  return { data: hideSecrets(body, SECRET_FIELDS), response };
}

function unwrapError(error: unknown): unknown {
  return isEnvelope(error) ? error.content : error;
}

function invalidBody(response: Response, request: AtlasRequestSummary, text = '') {
  const shown = BufferedResponse.redact(response, text);
  return invalidResponse(response, request, `not a JSON object: ${excerpt(shown)}`);
}
