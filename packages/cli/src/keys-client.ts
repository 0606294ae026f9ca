import type {
  AiModelApiKey,
  AiModelApiKeyWithSecret,
  AiModelRateLimit,
  AiModelRateLimitPage,
  OperationParams,
} from '@org/atlas-ai-keys';
import type { Env, Output } from './io.js';

/** Per-request options the commands pass: only the Ctrl-C signal. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** One page of a key list, as the API returns it. */
export interface KeyPage {
  readonly results?: readonly AiModelApiKey[];
  readonly totalCount?: number;
}

/** A list call: the commands read it page by page, to report progress. */
export interface PagedKeys {
  pages(): AsyncIterable<KeyPage>;
}

/** One page of a list of rate limits, one per model group. */
export interface LimitPage {
  readonly results?: readonly AiModelRateLimit[];
  readonly totalCount?: number;
}

/** A list of rate limits, read page by page. */
export interface PagedLimits {
  pages(): AsyncIterable<LimitPage>;
}

/** What every call on one model group's limits takes: where, and which group. */
type LimitParams = { readonly groupId: string; readonly modelGroupName: string };

/** What `create` and `rotate` send: the name and the scope, typed by the spec. */
export type CreateParams = Pick<
  OperationParams<'createGroupAiModelApiKey'>,
  'groupId' | 'name' | 'cloud' | 'geography'
>;

/**
 * The part of `AtlasAiKeysClient` the commands use (keys and rate limits); the real client is
 * checked against it.
 * note: function-typed properties, not methods, so the check is strict both ways: a spec change
 * that makes the client need more than the commands send fails to compile here.
 */
export interface KeysClient {
  readonly keys: {
    readonly list: (params: { groupId: string }, options?: CallOptions) => PagedKeys;
    readonly listForOrg: (params: { orgId: string }, options?: CallOptions) => PagedKeys;
    readonly get: (
      params: { groupId: string; apiKeyId: string },
      options?: CallOptions,
    ) => PromiseLike<AiModelApiKey>;
    readonly getForOrg: (
      params: { orgId: string; apiKeyId: string },
      options?: CallOptions,
    ) => PromiseLike<AiModelApiKey>;
    readonly create: (
      params: CreateParams,
      options?: CallOptions,
    ) => PromiseLike<AiModelApiKeyWithSecret>;
    readonly update: (
      params: { groupId: string; apiKeyId: string; name: string },
      options?: CallOptions,
    ) => PromiseLike<AiModelApiKey>;
    readonly delete: (
      params: { groupId: string; apiKeyId: string },
      options?: CallOptions,
    ) => PromiseLike<unknown>;
  };
  readonly rateLimits: {
    readonly list: (params: { groupId: string }, options?: CallOptions) => PagedLimits;
    readonly listForOrg: (params: { orgId: string }, options?: CallOptions) => PagedLimits;
    readonly get: (params: LimitParams, options?: CallOptions) => PromiseLike<AiModelRateLimit>;
    readonly getForOrg: (
      params: { orgId: string; modelGroupName: string },
      options?: CallOptions,
    ) => PromiseLike<AiModelRateLimit>;
    readonly update: (
      params: LimitParams & { requestsPerMinuteLimit: number; tokensPerMinuteLimit: number },
      options?: CallOptions,
    ) => PromiseLike<AiModelRateLimit>;
    readonly reset: (params: LimitParams, options?: CallOptions) => PromiseLike<AiModelRateLimit>;
    readonly resetAll: (
      params: { groupId: string },
      options?: CallOptions,
    ) => PromiseLike<AiModelRateLimitPage>;
  };
  readonly close: () => Promise<void>;
  /** Which credentials the client sends and where they came from, for a 401 or 403 to name. */
  readonly credentialsInUse?: string;
}

/** What the program knows when it makes a client. */
export interface ClientSettings {
  /** `--base-url`; absent leaves the choice to the client (environment, then Atlas). */
  readonly baseUrl?: string | undefined;
  /** `--api-version`; absent uses the client's default. */
  readonly apiVersion?: string | undefined;
  /** `--header`s: sent with every request. */
  readonly headers?: readonly (readonly [name: string, value: string])[];
  /** `--profile`: the Atlas CLI profile to read; absent chooses as the Atlas CLI does. */
  readonly profile?: string | undefined;
  /** `--timeout`, in milliseconds; absent uses the client's default. */
  readonly timeoutMs?: number | undefined;
  /** `--max-retries`; absent uses the client's default. */
  readonly maxRetries?: number | undefined;
  /** Whether retries are announced: `--verbose`, or stderr is a terminal. */
  readonly announceRetries: boolean;
  /** `--debug` or `MONGODB_ATLAS_DEBUG`: one line per HTTP exchange on stderr. */
  readonly debug: boolean;
  /** Where the credentials are read from. */
  readonly env: Env;
  /** Where the client's warnings, retries and trace go. */
  readonly stderr: Output;
  /** Aborted on Ctrl-C, also while reading the keyring. */
  readonly signal?: AbortSignal;
}

/** Makes a client, or throws when the settings or the credentials are unusable. */
export type ClientFactory = (settings: ClientSettings) => Promise<KeysClient>;
