import type { components, operations } from './generated/atlas-ai-model-api-keys.js';

export type {
  $defs,
  components,
  operations,
  paths,
  webhooks,
} from './generated/atlas-ai-model-api-keys.js';

type Schemas = components['schemas'];
type GetGroupAiModelApiKey = operations['getGroupAiModelApiKey'];

/** An AI model API key: a key for MongoDB's embedding and reranking service. */
export type AiModelApiKey = Schemas['AiModelApiKey'];

/** The error body every Atlas Administration API error carries. */
export type ApiError = Schemas['ApiError'];

/** Field-level details of a 400 Bad Request. */
export type BadRequestDetail = Schemas['BadRequestDetail'];

/** One field's violation inside a `BadRequestDetail`. */
export type FieldViolation = Schemas['FieldViolation'];

/** Path parameters of `getGroupAiModelApiKey`. */
export type GetGroupAiModelApiKeyPathParams = GetGroupAiModelApiKey['parameters']['path'];

/** Query parameters of `getGroupAiModelApiKey`. */
export type GetGroupAiModelApiKeyQueryParams = NonNullable<
  GetGroupAiModelApiKey['parameters']['query']
>;

/** The versioned media type the spec declares for a successful `getGroupAiModelApiKey`. */
export type AiModelApiKeyMediaType = keyof GetGroupAiModelApiKey['responses'][200]['content'];

/** The spec's media type as a value, checked against the generated types. */
export const AI_MODEL_API_KEY_MEDIA_TYPE =
  'application/vnd.atlas.preview+json' as const satisfies AiModelApiKeyMediaType;
