export type {
  AiModelApiKey,
  AiModelApiKeyCreateRequest,
  AiModelApiKeyMediaType,
  AiModelApiKeyPage,
  AiModelApiKeyUpdateRequest,
  AiModelApiKeyWithSecret,
  AiModelRateLimit,
  AiModelRateLimitPage,
  AiModelRateLimitUpdateRequest,
  ApiError,
  BadRequestDetail,
  components,
  FieldViolation,
  GetGroupAiModelApiKeyPathParams,
  GetGroupAiModelApiKeyQueryParams,
  Link,
  OperationId,
  operations,
  paths,
  ResourceOperations,
} from '@org/atlas-types';
export { API_VERSIONS } from '@org/atlas-types';
export type { ApiVersion } from './api-version.js';
export { apiVersionHint, DEFAULT_API_VERSION } from './api-version.js';
export { AtlasPromise, type WithResponse } from './atlas-promise.js';
export {
  type AccessTokenAuth,
  type AccessTokenCredentials,
  accessTokenAuth,
} from './auth/access-token.js';
export type { AtlasAuth, AuthType } from './auth/auth.js';
export {
  type DigestAuth,
  type DigestCredentials,
  type DigestOptions,
  digestAuth,
} from './auth/digest/digest-authenticator.js';
export { authFromEnv, baseUrlFromEnv, type Environment } from './auth/from-env.js';
export {
  type ServiceAccountAuth,
  type ServiceAccountCredentials,
  serviceAccountAuth,
} from './auth/service-account.js';
export {
  type AtlasAiKeysClient,
  type AtlasOpenApiClient,
  createAtlasAiKeysClient,
  type GetGroupAiModelApiKeyParams,
} from './client.js';
export {
  AtlasAbortError,
  AtlasApiError,
  AtlasAuthError,
  AtlasBadRequestError,
  AtlasConflictError,
  AtlasConnectionError,
  AtlasError,
  type AtlasErrorCode,
  AtlasForbiddenError,
  AtlasInvalidResponseError,
  AtlasNotFoundError,
  AtlasRateLimitError,
  type AtlasRequestSummary,
  AtlasServerError,
  AtlasTimeoutError,
  AtlasUnauthorizedError,
  AtlasValidationError,
  isAtlasErrorCode,
} from './errors.js';
export type { Logger, LogLevel } from './logger.js';
export type {
  OperationParams,
  OperationResult,
  ResourceGroup,
  ResourceMethods,
} from './operation-methods.js';
export {
  type AtlasAiKeysClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type RequestOptions,
} from './options.js';
export {
  ITERATION_PAGE_SIZE,
  MAX_ITERATION_PAGES,
  PagePromise,
  type PageRequest,
} from './page-promise.js';
export type { RetryDelays } from './retry-policy.js';
export type { SchemaRule } from './schema-rule.js';
export { VERSION } from './version.js';
