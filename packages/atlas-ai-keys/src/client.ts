import type {
  AiModelApiKey,
  AiModelApiKeyMediaType,
  GetGroupAiModelApiKeyPathParams,
  GetGroupAiModelApiKeyQueryParams,
  paths,
} from '@org/atlas-types';
import type { Client } from 'openapi-fetch';
import { AtlasPromise, type WithResponse } from './atlas-promise.js';
import { createAuthenticator } from './auth/auth.js';
import type { Authenticator } from './auth/authenticator.js';
import { isEnvelope } from './envelope.js';
import { errorFromResponse, excerpt, invalidResponse } from './error-from-response.js';
import { AtlasError, type AtlasRequestSummary } from './errors.js';
import { createOpenApiClient } from './openapi-fetch.js';
import {
  type AtlasAiKeysClientOptions,
  type RequestOptions,
  type ResolvedOptions,
  resolveOptions,
  resolveRequestOptions,
} from './options.js';
import { type CallPolicy, createTransport, summarize, type TransportFetch } from './transport.js';
import { userAgent } from './user-agent.js';
import {
  checkObjectId,
  checkOptionalBoolean,
  checkOptionalObject,
  checkPathId,
} from './validation.js';

/** Parameters of `getGroupAiModelApiKey`: the path ids and the query flags. */
export type GetGroupAiModelApiKeyParams = GetGroupAiModelApiKeyPathParams &
  GetGroupAiModelApiKeyQueryParams;

/** The typed openapi-fetch client, sharing the client's auth, retries and timeouts. */
export type AtlasOpenApiClient = Client<paths, AiModelApiKeyMediaType>;

const GROUP_KEY_PATH = '/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}';

/** Client for the Atlas AI model API keys API. Create it with `createAtlasAiKeysClient`. */
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
    this.api = createOpenApiClient<paths, AiModelApiKeyMediaType>({
      baseUrl: resolved.baseUrl.href.replace(/\/$/, ''),
      headers: { accept: resolved.mediaType },
      fetch: this.#transport(resolved),
    });
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.#options.baseUrl.href.replace(/\/$/, '');
  }

  /** The API version requested in `Accept`. */
  get apiVersion(): string {
    return this.#options.apiVersion;
  }

  /** Returns one AI model API key of a project (group); `envelope: true` still yields the key. */
  getGroupAiModelApiKey(
    params: GetGroupAiModelApiKeyParams,
    options?: RequestOptions,
  ): AtlasPromise<AiModelApiKey> {
    return new AtlasPromise(
      this.#call(options, async (fetch, headers) => {
        const { groupId, apiKeyId, envelope, pretty } = checkOptionalObject(params, 'params');
        const path = {
          groupId: checkObjectId(groupId, 'groupId'),
          apiKeyId: checkPathId(apiKeyId, 'apiKeyId'),
        };
        const query = {
          envelope: checkOptionalBoolean(envelope, 'envelope'),
          pretty: checkOptionalBoolean(pretty, 'pretty'),
        };
        const flagged = query.envelope !== undefined || query.pretty !== undefined;
        const { data, error, response } = await this.api.GET(GROUP_KEY_PATH, {
          params: flagged ? { path, query } : { path },
          parseAs: 'text',
          headers,
          fetch,
        });
        return decode<AiModelApiKey>('GET', response, data, error);
      }),
    );
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

  async #call<T>(
    options: RequestOptions | undefined,
    run: (fetch: TransportFetch, headers: Record<string, string>) => Promise<WithResponse<T>>,
  ): Promise<WithResponse<T>> {
    if (this.#closed) throw new AtlasError('the client is closed');
    const request = resolveRequestOptions(options, this.#options);
    return run(this.#transport(request), request.headers);
  }
}

/** Creates a client for the Atlas AI model API keys API. */
export function createAtlasAiKeysClient(options?: AtlasAiKeysClientOptions): AtlasAiKeysClient {
  return new AtlasAiKeysClient(options);
}

/**
 * Turns what openapi-fetch read (`parseAs: 'text'` for success, decoded JSON or text for errors)
 * into the resource or a typed error, unwrapping `envelope=true` bodies.
 */
function decode<T>(
  method: string,
  response: Response,
  text: string | undefined,
  error: unknown,
): WithResponse<T> {
  // note: only errors need the summary; a success does not pay for parsing the URL again.
  const request = () => summarize(method, new URL(response.url));
  if (!response.ok) throw errorFromResponse(response, request(), unwrapError(error));
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    throw invalidBody(response, request(), text ?? '');
  }
  if (isEnvelope(body)) {
    if (body.status >= 300) {
      const enveloped = { status: body.status, headers: response.headers };
      throw errorFromResponse(enveloped, request(), body.content);
    }
    body = body.content;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidBody(response, request(), text ?? '');
  }
  return { data: body as T, response };
}

function unwrapError(error: unknown): unknown {
  return isEnvelope(error) ? error.content : error;
}

function invalidBody(response: Response, request: AtlasRequestSummary, text: string) {
  return invalidResponse(response, request, `not a JSON object: ${excerpt(text)}`);
}
