import type { CliIo } from '../../io.js';
import { toJson } from '../../key-output.js';
import { checkModelGroupName } from '../../limit-arguments.js';
import { limitDetails } from '../../limit-output.js';
import { Data } from '../../messages.js';
import { resolveListScope } from '../../scope.js';
import { type ConnectionOptions, withClient } from '../../with-client.js';

/** Options of `limits get`. */
export interface LimitsGetOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly json?: boolean;
}

/** `limits get <modelGroupName>`: one model group's rate limits, in a project or an organisation. */
export async function getLimits(
  io: CliIo,
  modelGroupName: string,
  options: LimitsGetOptions,
): Promise<void> {
  const name = checkModelGroupName(modelGroupName);
  const scope = await resolveListScope(io, options);
  await withClient(io, options, async (client) => {
    const signal = io.signal;
    const limit = await (scope.kind === 'org'
      ? client.rateLimits.getForOrg({ orgId: scope.orgId, modelGroupName: name }, { signal })
      : client.rateLimits.get({ groupId: scope.groupId, modelGroupName: name }, { signal }));
    const data = new Data(io);
    await data.write(options.json ? toJson(limit) : limitDetails(limit, data.styles));
  });
}
