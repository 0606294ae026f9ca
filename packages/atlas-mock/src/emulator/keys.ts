import type {
  AiModelApiKey,
  AiModelApiKeyCreateRequest,
  AiModelApiKeyUpdateRequest,
} from '@org/atlas-types';
import { notFound } from './atlas-error.js';
import { exampleOf, successExample } from './operation-spec.js';
import { page } from './pagination.js';
import { ALPHANUMERIC, derivedString, LOWER_ALPHANUMERIC } from './repeatable-ids.js';
import type { EmulatedRequest, EmulatedResponse, ResourceFactory } from './resource.js';

/** A key as the emulator holds it; its secret is never kept, as Atlas shows it only once. */
type StoredKey = Omit<AiModelApiKey, 'secret'> & { apiKeyId: string; groupId: string };

/** The name of the resource in Atlas's 404s. */
const RESOURCE = 'AiModelApiKey';

// note: the endpoint Atlas gives a key scoped to any cloud and any geography, the only scope the
// API offers today.
const ENDPOINT = 'ai.mongodb.com';

/** A time as Atlas writes it: microseconds and an explicit UTC offset. */
function atlasTime(time: Date): string {
  return time.toISOString().replace('Z', '000+00:00');
}

/**
 * The AI model API keys of every project, in memory. The mock starts with one key: the spec's
 * example key, in the project of the spec's example `groupId`. Organization reads see the keys of
 * every project, as the mock does not know which projects an organization holds.
 */
export const keysResource: ResourceFactory = (context) => {
  const getOne = context.operation('getGroupAiModelApiKey');
  const { secret: _, ...shown } = successExample(getOne);
  const seededGroupId = exampleOf(
    getOne.request?.path?.find((parameter) => parameter.name === 'groupId')?.schema,
  ) as string;
  const seed = { ...shown, groupId: seededGroupId } as StoredKey;

  /** Keys by project, then by id, in the order they were created. */
  const projects = new Map<string, Map<string, StoredKey>>();
  let created = 0;

  const keysOf = (groupId: string) => {
    const keys = projects.get(groupId) ?? new Map<string, StoredKey>();
    projects.set(groupId, keys);
    return keys;
  };
  const everyKey = () => [...projects.values()].flatMap((keys) => [...keys.values()]);
  const findAnywhere = (apiKeyId: string) => everyKey().find((key) => key.apiKeyId === apiKeyId);

  const ok = (body: unknown, status = 200): EmulatedResponse => ({ status, body });
  const pageOf = (keys: readonly StoredKey[], { query, url }: EmulatedRequest) =>
    ok(page(keys, Number(query.itemsPerPage), Number(query.pageNum), url));

  /** Answers with the key `apiKeyId` of the request's project, or Atlas's 404. */
  const withKey =
    (act: (key: StoredKey, request: EmulatedRequest) => EmulatedResponse) =>
    (request: EmulatedRequest): EmulatedResponse => {
      const { groupId, apiKeyId } = request.path as { groupId: string; apiKeyId: string };
      const key = projects.get(groupId)?.get(apiKeyId);
      return key === undefined ? notFound(RESOURCE, apiKeyId) : act(key, request);
    };

  const reset = () => {
    projects.clear();
    created = 0;
    keysOf(seed.groupId).set(seed.apiKeyId, { ...seed });
  };
  reset();

  return {
    reset,
    handlers: {
      listGroupAiModelApiKeys: (request) =>
        pageOf([...keysOf(request.path.groupId as string).values()], request),
      createGroupAiModelApiKey: ({ path, body }) => {
        const { name, cloud, geography } = body as AiModelApiKeyCreateRequest;
        created += 1;
        const secret = `al-${derivedString(`secret ${created}`, ALPHANUMERIC, 43)}`;
        const key: StoredKey = {
          apiKeyId: derivedString(`apiKeyId ${created}`, LOWER_ALPHANUMERIC, 24),
          cloud,
          createdAt: atlasTime(context.now()),
          createdBy: 'atlas-mock',
          endpoint: ENDPOINT,
          geography,
          groupId: path.groupId as string,
          lastUsedAt: null,
          maskedSecret: `al-****${secret.slice(-4)}`,
          name,
          status: 'ACTIVE',
        };
        keysOf(key.groupId).set(key.apiKeyId, key);
        return ok({ ...key, secret }, 201);
      },
      getGroupAiModelApiKey: withKey((key) => ok(key)),
      updateGroupAiModelApiKey: withKey((key, { body }) => {
        key.name = (body as AiModelApiKeyUpdateRequest).name;
        return ok(key);
      }),
      deleteGroupAiModelApiKey: withKey((key) => {
        projects.get(key.groupId)?.delete(key.apiKeyId);
        return { status: 204 };
      }),
      listOrgAiModelApiKeys: (request) => pageOf(everyKey(), request),
      getOrgAiModelApiKey: ({ path }) => {
        const key = findAnywhere(path.apiKeyId as string);
        return key === undefined ? notFound(RESOURCE, path.apiKeyId as string) : ok(key);
      },
    },
  };
};
