import { AtlasForbiddenError } from '@org/atlas-ai-keys';
import { UsageError } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';
import { toJson } from '../../key-output.js';
import type { KeysClient } from '../../keys-client.js';
import { checkModelGroupName, LIMITS, type LimitField } from '../../limit-arguments.js';
import { describeLimits, limitTable } from '../../limit-output.js';
import { Data, Messages } from '../../messages.js';
import { resolveKnownOrg, resolveProject } from '../../scope.js';
import { type ConnectionOptions, withClient } from '../../with-client.js';

/** Options of `limits set`, `--rpm` and `--tpm` already parsed by the spec's rule. */
export interface LimitsSetOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly json?: boolean;
}

/** A model group's two limits, as `limits set` sends them. */
type Limits = Record<LimitField, number>;

/**
 * Refuses, with one line naming both numbers, limits above the organisation's for the model
 * group, before anything is changed: Atlas refuses them anyway, less clearly. Credentials that may
 * not read the organisation's limits (403) leave the comparison to Atlas, with a warning.
 */
async function checkWithinOrganisation(
  io: CliIo,
  client: KeysClient,
  orgId: string,
  modelGroupName: string,
  wanted: Limits,
): Promise<void> {
  let ceiling: Limits;
  try {
    ceiling = await client.rateLimits.getForOrg({ orgId, modelGroupName }, { signal: io.signal });
  } catch (error) {
    if (!(error instanceof AtlasForbiddenError)) throw error;
    new Messages(io).warn(
      `Not compared with the limits of organisation ${orgId}: these credentials may not read them (403).`,
    );
    return;
  }
  const over = (Object.keys(LIMITS) as LimitField[]).filter(
    (field) => wanted[field] > ceiling[field],
  );
  if (over.length === 0) return;
  const said = over.map(
    (field) =>
      `${LIMITS[field].flag} ${wanted[field]} is above the ${ceiling[field]} ${LIMITS[field].unit}`,
  );
  throw new UsageError(
    `${said.join(' and ')} that organisation ${orgId} allows for ${modelGroupName}; nothing was changed`,
  );
}

/**
 * `limits set <modelGroupName> --rpm <n> --tpm <n>`: a project's limits for one model group. When
 * the organisation is known (`--org`, the variable or the profile), limits above its own are
 * refused before the change.
 */
export async function setLimits(
  io: CliIo,
  modelGroupName: string,
  options: LimitsSetOptions,
): Promise<void> {
  const name = checkModelGroupName(modelGroupName);
  if (options.rpm === undefined || options.tpm === undefined) {
    throw new UsageError('--rpm <n> and --tpm <n> are both required');
  }
  const wanted: Limits = { requestsPerMinuteLimit: options.rpm, tokensPerMinuteLimit: options.tpm };
  const orgId = await resolveKnownOrg(io, options);
  // note: --org names the organisation to compare with, not where the limits are set, so it does
  // not keep the project from coming from the variable or the profile.
  const { groupId } = await resolveProject(io, {
    project: options.project,
    profile: options.profile,
  });
  await withClient(io, options, async (client) => {
    if (orgId !== undefined) await checkWithinOrganisation(io, client, orgId, name, wanted);
    const limit = await client.rateLimits.update(
      { groupId, modelGroupName: name, ...wanted },
      { signal: io.signal },
    );
    new Messages(io).done(`Set ${name} in project ${groupId} to ${describeLimits(limit)}.`);
    const data = new Data(io);
    await data.write(options.json ? toJson(limit) : limitTable([limit], data.styles));
  });
}
