import {
  type AiModelApiKeyMediaType,
  type OperationId,
  type paths,
  RESOURCES,
} from '@org/atlas-types';
import type { Client } from 'openapi-fetch';
import { createAuthenticator } from './auth/auth.js';
import type { Authenticator } from './auth/authenticator.js';
import { AtlasError } from './errors.js';
import { createLazyApiClient } from './internal/call/lazy-api-client.js';
import { type CallContext, callOperation } from './internal/call/operation-call.js';
import { hideDecodedSecrets } from './internal/call/secret-fields.js';
import { Transport } from './internal/http/transport.js';
import type { OperationParams, ResourceMethods } from './operation-methods.js';
import {
  type AtlasAiKeysClientOptions,
  type RequestOptions,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';

/** Parameters of `getGroupAiModelApiKey`: the path ids and the query flags. */
export type GetGroupAiModelApiKeyParams = OperationParams<'getGroupAiModelApiKey'>;

/** The typed openapi-fetch client, sharing the client's auth, retries and timeouts. */
export type AtlasOpenApiClient = Client<paths, AiModelApiKeyMediaType>;

/** The client's resource groups (`keys`, `rateLimits`), a method per operation of the spec. */
export interface AtlasAiKeysClient extends ResourceMethods {}

/** Client for the Atlas AI model API keys and rate limits API. Create it with `createAtlasAiKeysClient`. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface's resource groups are defined from the generated table in the constructor
export class AtlasAiKeysClient {
  readonly #options: ResolvedOptions;
  readonly #authenticator: Authenticator | undefined;
  readonly #transport: Transport;
  readonly #context: CallContext;
  #api: AtlasOpenApiClient | undefined;
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
    this.#transport = new Transport({
      fetch: resolved.fetch,
      fetchIsGlobal: options.fetch === undefined,
      authenticator: this.#authenticator,
      origin: resolved.baseUrl.origin,
      logger: resolved.logger,
      trace: resolved.trace,
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
    this.#context = {
      options: resolved,
      transport: this.#transport,
      checkOpen: () => {
        if (this.#closed) throw new AtlasError('the client is closed');
      },
    };
  }

  /**
   * The typed openapi-fetch client for calls this class does not wrap; it returns `{ data, error,
   * response }` and shares the client's authentication, retries and timeouts. openapi-fetch is
   * loaded on its first request, so an application that never uses it does not carry it at start-up.
   */
  get api(): AtlasOpenApiClient {
    this.#api ??= createLazyApiClient(async () => {
      // note: imported here, not at the top, so that bundlers put openapi-fetch in a chunk of its
      // own and the client loads it only now.
      const { createApiClient } = await import('./internal/call/openapi-client.js');
      return createApiClient(this.#transport, this.#options, hideDecodedSecrets);
    });
    return this.#api;
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.#options.baseHref;
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
    return callOperation(this.#context, operationId, params, options);
  }
}

/** Creates a client for the Atlas AI model API keys and rate limits API. */
export function createAtlasAiKeysClient(options?: AtlasAiKeysClientOptions): AtlasAiKeysClient {
  return new AtlasAiKeysClient(options);
}
