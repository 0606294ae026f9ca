import type { operations } from './generated/atlas-ai-model-api-keys.js';
import { LATEST_API_VERSION } from './generated/operations.js';

export type {
  $defs,
  components,
  operations,
  paths,
  webhooks,
} from './generated/atlas-ai-model-api-keys.js';
export {
  API_VERSIONS,
  LATEST_API_VERSION,
  OPERATIONS,
  PARAMETERS,
  RESOURCES,
  type ResourceOperations,
  SECRET_FIELDS,
} from './generated/operations.js';

// note: the aliases below are derived from operations, never from schema names, so they survive
// upstream renaming a schema (AiModelsApiKeyResponse became AiModelApiKeyResponse, for one).

/** The operationId of every operation in the spec. */
export type OperationId = keyof operations;

/** The success status an operation declares (its first 2xx response). */
type SuccessStatus<Op extends OperationId> = Extract<
  keyof operations[Op]['responses'],
  200 | 201 | 202 | 204
>;

/** Values of an object type, as a union; never for `never` or an absent `content`. */
type ValueOf<T> = [T] extends [never] ? never : T extends object ? T[keyof T] : never;

/**
 * The body of an operation's success response, in any media type (version) the spec declares;
 * undefined for 204 No Content.
 */
export type SuccessBody<Op extends OperationId> =
  SuccessStatus<Op> extends 204
    ? undefined
    : ValueOf<(operations[Op]['responses'][SuccessStatus<Op>] & { content?: unknown })['content']>;

/** The request body of an operation, in any media type the spec declares; never when it has none. */
export type RequestBody<Op extends OperationId> = ValueOf<
  NonNullable<(operations[Op] & { requestBody?: { content: unknown } })['requestBody']>['content']
>;

/** The path parameters of an operation. */
export type PathParams<Op extends OperationId> = operations[Op]['parameters']['path'];

/** The query parameters of an operation. */
export type QueryParams<Op extends OperationId> = NonNullable<
  operations[Op]['parameters']['query']
>;

/** An AI model API key: a key for MongoDB's embedding and reranking service. */
export type AiModelApiKey = SuccessBody<'getGroupAiModelApiKey'>;

/** An AI model API key as creating it returns it: with its one-time `secret`, a string. */
export type AiModelApiKeyWithSecret = SuccessBody<'createGroupAiModelApiKey'>;

/** One page of AI model API keys: `results`, `totalCount` and `links`. */
export type AiModelApiKeyPage = SuccessBody<'listGroupAiModelApiKeys'>;

/** What creating an AI model API key sends. */
export type AiModelApiKeyCreateRequest = RequestBody<'createGroupAiModelApiKey'>;

/** What renaming an AI model API key sends. */
export type AiModelApiKeyUpdateRequest = RequestBody<'updateGroupAiModelApiKey'>;

/** The rate limits of one model group (`embed_large`, …) of a project or an organization. */
export type AiModelRateLimit =
  SuccessBody<'getGroupAiModelApiCloudGeographyModelGroupNameRateLimits'>;

/** One page of rate limits, one per model group: `results`, `totalCount` and `links`. */
export type AiModelRateLimitPage = SuccessBody<'getGroupAiModelApiRateLimits'>;

/** What setting a project's rate limits for a model group sends: both limits. */
export type AiModelRateLimitUpdateRequest =
  RequestBody<'updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits'>;

/** A link of a paginated response. */
export type Link = NonNullable<AiModelApiKeyPage['links']>[number];

/** The error body every Atlas Administration API error carries. */
export type ApiError =
  operations['getGroupAiModelApiKey']['responses'][404]['content']['application/json'];

/** Field-level details of a 400 Bad Request. */
export type BadRequestDetail = NonNullable<ApiError['badRequestDetail']>;

/** One field's violation inside a `BadRequestDetail`. */
export type FieldViolation = NonNullable<BadRequestDetail['fields']>[number];

/** Path parameters of `getGroupAiModelApiKey`. */
export type GetGroupAiModelApiKeyPathParams = PathParams<'getGroupAiModelApiKey'>;

/** Query parameters of `getGroupAiModelApiKey`. */
export type GetGroupAiModelApiKeyQueryParams = QueryParams<'getGroupAiModelApiKey'>;

/** The versioned media types the spec declares for a successful `getGroupAiModelApiKey`. */
export type AiModelApiKeyMediaType =
  keyof operations['getGroupAiModelApiKey']['responses'][200]['content'];

/** The media type of the newest version the spec declares, for the `Accept` header. */
export const AI_MODEL_API_KEY_MEDIA_TYPE =
  `application/vnd.atlas.${LATEST_API_VERSION}+json` as const satisfies AiModelApiKeyMediaType;
