import type { AiModelRateLimit, AiModelRateLimitUpdateRequest } from '@org/atlas-types';
import { atlasError, notFound } from './atlas-error.js';
import { successExample } from './operation-spec.js';
import { page } from './pagination.js';
import type { EmulatedRequest, EmulatedResponse, ResourceFactory } from './resource.js';

/** A model group's limits, per minute. */
type Limits = Pick<AiModelRateLimit, 'requestsPerMinuteLimit' | 'tokensPerMinuteLimit'>;

/** A model group the mock knows: its name, its models, and the organization's limits for it. */
interface ModelGroup extends Limits {
  readonly modelGroupName: string;
  readonly modelNames: readonly string[];
}

/** The name of the resource in Atlas's 404s. */
const RESOURCE = 'AiModelRateLimit';

// note: illustrative. Atlas documents `embed_large` (the spec's example) and limits per model
// group, not the whole list: the groups after the first are shaped after Voyage AI's published
// tier-1 limits (2,000 requests a minute; 8M, 16M and 2M tokens a minute for voyage-3.5,
// voyage-3.5-lite and rerank-2.5).
const OTHER_GROUPS: readonly ModelGroup[] = [
  {
    modelGroupName: 'embed_medium',
    modelNames: ['voyage-3.5'],
    requestsPerMinuteLimit: 2000,
    tokensPerMinuteLimit: 8_000_000,
  },
  {
    modelGroupName: 'embed_small',
    modelNames: ['voyage-3.5-lite'],
    requestsPerMinuteLimit: 2000,
    tokensPerMinuteLimit: 16_000_000,
  },
  {
    modelGroupName: 'rerank',
    modelNames: ['rerank-2.5'],
    requestsPerMinuteLimit: 2000,
    tokensPerMinuteLimit: 2_000_000,
  },
];

/** Models of the spec's example group: those of Voyage AI's 3M-tokens-a-minute tier. */
const EXAMPLE_GROUP_MODELS = ['voyage-3-large', 'voyage-code-3'];

/**
 * The AI model rate limits of every project, in memory. Every organization has the same limits
 * for each model group (the mock does not know which projects an organization holds); a project
 * starts at its organization's limits, may lower them, never raise them above, and gets them back
 * with a reset.
 */
export const rateLimitsResource: ResourceFactory = (context) => {
  const example = successExample(
    context.operation('getGroupAiModelApiCloudGeographyModelGroupNameRateLimits'),
  );
  const scope = {
    cloud: example.cloud as string,
    endpoint: example.endpoint as string,
    geography: example.geography as string,
  };
  const groups: readonly ModelGroup[] = [
    {
      modelGroupName: example.modelGroupName as string,
      modelNames: EXAMPLE_GROUP_MODELS,
      requestsPerMinuteLimit: example.requestsPerMinuteLimit as number,
      tokensPerMinuteLimit: example.tokensPerMinuteLimit as number,
    },
    ...OTHER_GROUPS,
  ];
  const organization = new Map(groups.map((group) => [group.modelGroupName, group]));

  /** Each project's limits that differ from its organization's, by model group. */
  const projects = new Map<string, Map<string, Limits>>();

  /** A model group's limits as Atlas shows them, at the project's level or the organization's. */
  const shown = (group: ModelGroup, limits: Limits = group): AiModelRateLimit => ({
    ...scope,
    modelGroupName: group.modelGroupName,
    modelNames: [...group.modelNames],
    requestsPerMinuteLimit: limits.requestsPerMinuteLimit,
    tokensPerMinuteLimit: limits.tokensPerMinuteLimit,
  });
  const ofProject = (groupId: string, group: ModelGroup) =>
    shown(group, projects.get(groupId)?.get(group.modelGroupName));
  const ok = (body: unknown): EmulatedResponse => ({ status: 200, body });
  const pageOf = (limits: readonly AiModelRateLimit[], { query, url }: EmulatedRequest) =>
    ok(page(limits, Number(query.itemsPerPage), Number(query.pageNum), url));

  /** Answers with the request's model group, or Atlas's 404 for a group it does not know. */
  const withGroup =
    (act: (group: ModelGroup, request: EmulatedRequest) => EmulatedResponse) =>
    (request: EmulatedRequest): EmulatedResponse => {
      const name = request.path.modelGroupName as string;
      const group = organization.get(name);
      return group === undefined ? notFound(RESOURCE, name) : act(group, request);
    };

  /** Atlas's 400 for a project limit above the organization's, naming both numbers. */
  const aboveOrganization = (group: ModelGroup, wanted: Limits): EmulatedResponse | undefined => {
    const over = (['requestsPerMinuteLimit', 'tokensPerMinuteLimit'] as const).filter(
      (field) => wanted[field] > group[field],
    );
    if (over.length === 0) return undefined;
    const said = over.map(
      (field) => `${field} ${wanted[field]} exceeds the organization's limit of ${group[field]}`,
    );
    // note: BAD_REQUEST is the code Atlas refuses invalid limits with, as the Terraform
    // provider's acceptance test of mongodbatlas_ai_model_rate_limit expects.
    const error = atlasError(
      400,
      'BAD_REQUEST',
      `Invalid rate limits for model group ${group.modelGroupName}: ${said.join('; ')}.`,
    );
    const fields = over.map((field, index) => ({ field, description: said[index] as string }));
    return { ...error, body: { ...(error.body as object), badRequestDetail: { fields } } };
  };

  const reset = () => projects.clear();

  return {
    reset,
    handlers: {
      getGroupAiModelApiRateLimits: (request) =>
        pageOf(
          groups.map((group) => ofProject(request.path.groupId as string, group)),
          request,
        ),
      getGroupAiModelApiCloudGeographyModelGroupNameRateLimits: withGroup((group, { path }) =>
        ok(ofProject(path.groupId as string, group)),
      ),
      updateGroupAiModelApiCloudGeographyModelGroupNameRateLimits: withGroup(
        (group, { path, body }) => {
          const { requestsPerMinuteLimit, tokensPerMinuteLimit } =
            body as AiModelRateLimitUpdateRequest;
          const wanted = { requestsPerMinuteLimit, tokensPerMinuteLimit };
          const refused = aboveOrganization(group, wanted);
          if (refused) return refused;
          const groupId = path.groupId as string;
          const changed = projects.get(groupId) ?? new Map<string, Limits>();
          projects.set(groupId, changed.set(group.modelGroupName, wanted));
          return ok(ofProject(groupId, group));
        },
      ),
      resetGroupAiModelApiCloudGeographyModelGroupNameRateLimits: withGroup((group, { path }) => {
        projects.get(path.groupId as string)?.delete(group.modelGroupName);
        return ok(ofProject(path.groupId as string, group));
      }),
      resetGroupAiModelApiRateLimits: ({ path }) => {
        projects.delete(path.groupId as string);
        const results = groups.map((group) => shown(group));
        return ok({ links: [], results, totalCount: results.length });
      },
      getOrgAiModelApiRateLimits: (request) =>
        pageOf(
          groups.map((group) => shown(group)),
          request,
        ),
      getOrgAiModelApiCloudGeographyModelGroupNameRateLimits: withGroup((group) =>
        ok(shown(group)),
      ),
    },
  };
};
