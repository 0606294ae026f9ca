import type { AiModelApiKey } from '@org/atlas-ai-keys';
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

/** The part of `AtlasAiKeysClient` the commands use; the real client is checked against it. */
export interface KeysClient {
  listGroupAiModelApiKeys(params: { groupId: string }, options?: CallOptions): PagedKeys;
  listOrgAiModelApiKeys(params: { orgId: string }, options?: CallOptions): PagedKeys;
  getGroupAiModelApiKey(
    params: { groupId: string; apiKeyId: string },
    options?: CallOptions,
  ): PromiseLike<AiModelApiKey>;
  getOrgAiModelApiKey(
    params: { orgId: string; apiKeyId: string },
    options?: CallOptions,
  ): PromiseLike<AiModelApiKey>;
  createGroupAiModelApiKey(
    params: { groupId: string; name: string },
    options?: CallOptions,
  ): PromiseLike<AiModelApiKey>;
  updateGroupAiModelApiKey(
    params: { groupId: string; apiKeyId: string; name: string },
    options?: CallOptions,
  ): PromiseLike<AiModelApiKey>;
  deleteGroupAiModelApiKey(
    params: { groupId: string; apiKeyId: string },
    options?: CallOptions,
  ): PromiseLike<unknown>;
  close(): Promise<void>;
}

/** What the program knows when it makes a client. */
export interface ClientSettings {
  /** `--base-url`; absent leaves the choice to the client (environment, then Atlas). */
  readonly baseUrl?: string | undefined;
  /** `--api-version`; absent uses the client's default. */
  readonly apiVersion?: string | undefined;
  /** `--header`s: sent with every request. */
  readonly headers?: readonly (readonly [name: string, value: string])[];
  /** Where the credentials are read from. */
  readonly env: Env;
  /** Where the client's warnings go. */
  readonly stderr: Output;
}

/** Makes a client, or throws when the settings or the credentials are unusable. */
export type ClientFactory = (settings: ClientSettings) => Promise<KeysClient>;
