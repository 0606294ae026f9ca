// The canary of public usage: every method, option and exported type of @org/atlas-ai-keys used
// the way the READMEs show, by its package name. Nothing here runs; it only has to compile.
// `pnpm spec:update` type-checks it against the regenerated types, and a spec change that stops
// it compiling is classed breaking, whatever the spec rules say. Keep it to what users write:
// each block is a README's example or the call a README's table documents.
import {
  type AccessTokenAuth,
  type AccessTokenCredentials,
  type AiModelApiKey,
  type AiModelApiKeyCreateRequest,
  type AiModelApiKeyMediaType,
  type AiModelApiKeyPage,
  type AiModelApiKeyUpdateRequest,
  type AiModelApiKeyWithSecret,
  type AiModelRateLimit,
  type AiModelRateLimitPage,
  type AiModelRateLimitUpdateRequest,
  API_VERSIONS,
  type ApiError,
  type ApiVersion,
  AtlasAbortError,
  type AtlasAiKeysClient,
  type AtlasAiKeysClientOptions,
  AtlasApiError,
  type AtlasAuth,
  AtlasAuthError,
  AtlasBadRequestError,
  AtlasConflictError,
  AtlasConnectionError,
  AtlasError,
  type AtlasErrorCode,
  AtlasForbiddenError,
  AtlasInvalidResponseError,
  AtlasNotFoundError,
  type AtlasOpenApiClient,
  type AtlasPromise,
  AtlasRateLimitError,
  type AtlasRequestSummary,
  AtlasServerError,
  AtlasTimeoutError,
  AtlasUnauthorizedError,
  AtlasValidationError,
  type AuthType,
  accessTokenAuth,
  authFromEnv,
  type BadRequestDetail,
  baseUrlFromEnv,
  type components,
  createAtlasAiKeysClient,
  DEFAULT_API_VERSION,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type DigestAuth,
  type DigestCredentials,
  digestAuth,
  type Environment,
  type FieldViolation,
  type GetGroupAiModelApiKeyParams,
  type GetGroupAiModelApiKeyPathParams,
  type GetGroupAiModelApiKeyQueryParams,
  ITERATION_PAGE_SIZE,
  isAtlasErrorCode,
  type Link,
  type Logger,
  type LogLevel,
  type OperationId,
  type OperationParams,
  type OperationResult,
  type operations,
  type PagePromise,
  type PageRequest,
  type paths,
  type RequestOptions,
  type ResourceGroup,
  type ResourceMethods,
  type ResourceOperations,
  type RetryDelays,
  type ServiceAccountAuth,
  type ServiceAccountCredentials,
  serviceAccountAuth,
  VERSION,
  type WithResponse,
} from '@org/atlas-ai-keys';

// As the root README's example declares it.
declare function store(secret: string): void; // your secrets manager
// As the package README's quick start declares it.
declare function saveSomewhereSafe(secret: string): void;

/** The root README's "Using the client" example, as written there. */
export async function rootReadmeExample(): Promise<void> {
  const client = createAtlasAiKeysClient({ auth: authFromEnv() });
  const groupId = '32b6e34b3d91647abb20e7b8';

  try {
    const created = await client.keys.create({ groupId, name: 'search' });
    store(created.secret); // a string: the one time Atlas shows it

    for await (const key of client.keys.list({ groupId })) {
      console.log(key.name, key.status, key.maskedSecret);
    }

    const apiKeyId = created.apiKeyId; // no `!`: Atlas always returns it
    await client.keys.update({ groupId, apiKeyId, name: 'search-prod' });
    await client.keys.delete({ groupId, apiKeyId });
  } catch (error) {
    if (isAtlasErrorCode(error, 'RESOURCE_NOT_FOUND')) console.log('no such key');
    else throw error;
  } finally {
    await client.close();
  }
}

/** The package README's quick start, as written there. */
export async function packageReadmeQuickStart(): Promise<void> {
  const client = createAtlasAiKeysClient({
    auth: serviceAccountAuth({ clientId: '...', clientSecret: '...' }),
  });
  const groupId = '32b6e34b3d91647abb20e7b8';

  const key = await client.keys.create({ groupId, name: 'search-service' });
  saveSomewhereSafe(key.secret); // a string, shown once: Atlas never returns it again

  for await (const each of client.keys.list({ groupId })) {
    console.log(each.name, each.status, each.maskedSecret);
  }

  await client.keys.update({ groupId, apiKeyId: key.apiKeyId, name: 'search' });
  await client.keys.delete({ groupId, apiKeyId: key.apiKeyId });
  await client.close(); // revokes the service account's token
}

/** Every method of the tables in the READMEs, with the parameters they list. */
export async function everyMethod(client: AtlasAiKeysClient, orgId: string): Promise<void> {
  const groupId = '32b6e34b3d91647abb20e7b8';
  const created: AiModelApiKeyWithSecret = await client.keys.create({
    groupId,
    name: 'search-service',
  });
  const secret: string = created.secret;
  store(secret);
  const scoped: AiModelApiKey = await client.keys.create({
    groupId,
    name: 'scoped',
    cloud: 'ANY',
    geography: 'ANY',
  });
  const apiKeyId: string = scoped.apiKeyId;
  const key: AiModelApiKey = await client.keys.get({ groupId, apiKeyId });
  const fields: string[] = [
    key.apiKeyId,
    key.name,
    key.status,
    key.maskedSecret,
    key.createdAt,
    key.createdBy,
    key.groupId,
    key.cloud,
    key.geography,
    key.endpoint,
  ];
  const lastUsed: string | null | undefined = key.lastUsedAt;
  console.log(fields, lastUsed ?? 'never', key.status === 'ACTIVE');
  await client.keys.get({ groupId, apiKeyId, envelope: true, pretty: false });
  const renamed: AiModelApiKey = await client.keys.update({
    groupId,
    apiKeyId,
    name: 'search',
  });
  const deletion: AtlasPromise<void> = client.keys.delete({ groupId, apiKeyId });
  await deletion;
  console.log(renamed.name);

  const page: AiModelApiKeyPage = await client.keys.list({
    groupId,
    pageNum: 2,
    itemsPerPage: 50,
  });
  const results: AiModelApiKey[] = page.results;
  const links: Link[] | undefined = page.links;
  console.log(page.totalCount, results.length, links?.[0]?.href, links?.[0]?.rel);
  for await (const each of client.keys.list({ groupId })) {
    if (each.name === 'old') break;
  }
  for await (const orgPage of client.keys.listForOrg({ orgId }).pages()) {
    console.error(`fetched ${orgPage.results.length} keys`);
  }
  const orgKey: AiModelApiKey = await client.keys.getForOrg({ orgId, apiKeyId });
  console.log(orgKey.groupId);
}

/** Every rate-limit method of the tables in the READMEs, with the parameters they list. */
export async function everyRateLimitMethod(client: AtlasAiKeysClient, orgId: string) {
  const groupId = '32b6e34b3d91647abb20e7b8';
  const modelGroupName = 'embed_large';
  for await (const limit of client.rateLimits.list({ groupId })) {
    console.log(limit.modelGroupName, limit.modelNames?.join(', '), limit.requestsPerMinuteLimit);
  }
  const page: AiModelRateLimitPage = await client.rateLimits.list({ groupId, itemsPerPage: 100 });
  const one: AiModelRateLimit = await client.rateLimits.get({ groupId, modelGroupName });
  const scoped: AiModelRateLimit = await client.rateLimits.get({
    groupId,
    modelGroupName,
    cloud: 'ANY',
    geography: 'ANY',
  });
  const limits: AiModelRateLimitUpdateRequest = {
    requestsPerMinuteLimit: 500,
    tokensPerMinuteLimit: 1_000_000,
  };
  const set: AiModelRateLimit = await client.rateLimits.update({
    groupId,
    modelGroupName,
    ...limits,
  });
  const reset: AiModelRateLimit = await client.rateLimits.reset({ groupId, modelGroupName });
  const all: AiModelRateLimitPage = await client.rateLimits.resetAll({ groupId });
  const org: AiModelRateLimit = await client.rateLimits.getForOrg({ orgId, modelGroupName });
  for await (const each of client.rateLimits.listForOrg({ orgId })) {
    if (each.requestsPerMinuteLimit < set.requestsPerMinuteLimit) break;
  }
  const fields: (string | number)[] = [
    one.modelGroupName,
    one.requestsPerMinuteLimit,
    one.tokensPerMinuteLimit,
    one.cloud,
    one.geography,
    one.endpoint,
  ];
  console.log(page.totalCount, scoped, reset, all.results.length, org, fields);
}

/** Every option, per client and per request, and each way to give credentials. */
export function everyOption(env: Environment, logger: Logger, level: LogLevel): AtlasAiKeysClient {
  const retry: Partial<RetryDelays> = {
    baseDelayMs: 500,
    maxDelayMs: 8000,
    maxRetryAfterMs: 60_000,
  };
  const apiVersion: ApiVersion = '2025-03-12';
  const options: AtlasAiKeysClientOptions = {
    baseUrl: baseUrlFromEnv(env) ?? DEFAULT_BASE_URL,
    auth: authFromEnv(env),
    apiVersion,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxRetries: DEFAULT_MAX_RETRIES,
    retry,
    fetch: globalThis.fetch,
    logger,
    logLevel: level,
    userAgent: 'my-app/1.0',
    maxResponseBytes: 8 * 1024 * 1024,
    allowInsecureHttp: false,
  };
  const digest: DigestCredentials = { publicKey: '...', privateKey: '...' };
  const account: ServiceAccountCredentials = { clientId: '...', clientSecret: '...' };
  const token: AccessTokenCredentials = { accessToken: '...' };
  const kinds: [DigestAuth, ServiceAccountAuth, AccessTokenAuth] = [
    digestAuth(digest),
    serviceAccountAuth(account),
    accessTokenAuth(token),
  ];
  const types: AuthType[] = kinds.map((auth: AtlasAuth) => auth.type);
  const client = createAtlasAiKeysClient({ ...options, auth: kinds[0] });
  const summary: { baseUrl: string; apiVersion: string; auth: string } = client.toJSON();
  console.log(types, summary, client.baseUrl, client.apiVersion, VERSION, DEFAULT_API_VERSION);
  console.log(API_VERSIONS.includes('2025-03-12'), ITERATION_PAGE_SIZE);
  return client;
}

/** Per-request options, `.withResponse()` and the typed openapi-fetch client. */
export async function perRequest(client: AtlasAiKeysClient): Promise<void> {
  const params: GetGroupAiModelApiKeyParams = {
    groupId: '32b6e34b3d91647abb20e7b8',
    apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj',
  };
  const requestOptions: RequestOptions = {
    signal: AbortSignal.timeout(10_000),
    timeoutMs: 5000,
    maxRetries: 0,
    headers: { 'x-request-id': '1' },
  };
  const call: AtlasPromise<AiModelApiKey> = client.keys.get(params, requestOptions);
  const { data, response }: WithResponse<AiModelApiKey> = await call.withResponse();
  console.log(response.status, response.headers.get('RateLimit-Remaining'), data.name);
  const raw: string = await response.text();

  const api: AtlasOpenApiClient = client.api;
  const path: GetGroupAiModelApiKeyPathParams = params;
  const query: GetGroupAiModelApiKeyQueryParams = { pretty: true };
  const fetched = await api.GET('/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}', {
    params: { path, query },
  });
  const body: AiModelApiKey | undefined = fetched.data;
  console.log(raw, body?.name, fetched.error, fetched.response.ok);

  const list: PagePromise<AiModelApiKeyPage> = client.keys.list({
    groupId: params.groupId,
  });
  const pageRequest: PageRequest = { pageNum: 1, itemsPerPage: ITERATION_PAGE_SIZE };
  console.log(list, pageRequest);
}

/** Every error class and what it carries, as the README's error table lists them. */
export function everyError(error: unknown): string {
  if (isAtlasErrorCode(error, 'GROUP_NOT_FOUND')) return error.errorCode;
  const code: AtlasErrorCode = 'RATE_LIMITED';
  if (error instanceof AtlasRateLimitError) return `${code} ${error.retryAfterMs}`;
  if (error instanceof AtlasValidationError) return `${error.field} ${error.expected}`;
  if (error instanceof AtlasAuthError) return `${error.status} ${error.oauthError}`;
  if (error instanceof AtlasTimeoutError) return `${error.timeoutMs}`;
  if (error instanceof AtlasAbortError || error instanceof AtlasConnectionError) {
    const request: AtlasRequestSummary = error.request;
    return `${request.method} ${request.path}`;
  }
  const classes = [
    AtlasBadRequestError,
    AtlasUnauthorizedError,
    AtlasForbiddenError,
    AtlasNotFoundError,
    AtlasConflictError,
    AtlasServerError,
    AtlasInvalidResponseError,
  ];
  if (classes.some((kind) => error instanceof kind) && error instanceof AtlasApiError) {
    const detail: BadRequestDetail | undefined = error.badRequestDetail;
    const violations: FieldViolation[] = detail?.fields ?? [];
    return `${error.status} ${error.errorCode} ${error.detail} ${error.reason} ${violations.length}`;
  }
  return error instanceof AtlasError ? error.message : String(error);
}

/** The types users name in their own code. */
export interface TypesInUse {
  readonly create: AiModelApiKeyCreateRequest;
  readonly update: AiModelApiKeyUpdateRequest;
  readonly mediaType: AiModelApiKeyMediaType;
  readonly apiError: ApiError;
  readonly operationId: OperationId;
  readonly createParams: OperationParams<'createGroupAiModelApiKey'>;
  readonly createResult: OperationResult<'createGroupAiModelApiKey'>;
  readonly groups: ResourceMethods;
  readonly keys: ResourceGroup<ResourceOperations['keys']>;
  readonly rateLimitOperation: ResourceOperations['rateLimits']['resetAll'];
  readonly path: keyof paths;
  readonly operation: operations['getGroupAiModelApiKey'];
  readonly schema: components['schemas'];
}
