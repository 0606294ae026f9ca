import { checkConfirmable, confirm } from '../../confirm.js';
import { NotConfirmedError } from '../../exit-codes.js';
import type { CliIo } from '../../io.js';
import { toJson } from '../../key-output.js';
import { checkModelGroupName } from '../../limit-arguments.js';
import { describeLimits, limitTable } from '../../limit-output.js';
import { Data, Messages } from '../../messages.js';
import { resolveProject } from '../../scope.js';
import { type ConnectionOptions, withClient } from '../../with-client.js';

/** Options of `limits reset`. */
export interface LimitsResetOptions extends ConnectionOptions {
  readonly project?: string;
  readonly yes?: boolean;
  readonly json?: boolean;
}

/**
 * `limits reset [<modelGroupName>]`: one model group's limits, or every group's, back to their
 * defaults. Custom limits are lost, so it asks first on a terminal and needs `--yes` elsewhere;
 * without either it stops before any request.
 */
export async function resetLimits(
  io: CliIo,
  modelGroupName: string | undefined,
  options: LimitsResetOptions,
): Promise<void> {
  const name = modelGroupName === undefined ? undefined : checkModelGroupName(modelGroupName);
  const { groupId } = await resolveProject(io, options);
  const yes = options.yes === true;
  const what = name ?? 'every model group';
  checkConfirmable(io, yes, `limits reset puts ${what} back to its default limits`);
  await withClient(io, options, async (client) => {
    const signal = io.signal;
    if (!yes) {
      // note: the limits now are shown so that the person knows what they would lose.
      const question =
        name === undefined
          ? `Reset the limits of every model group in project ${groupId} to their defaults? Custom limits are lost.`
          : `Reset ${name} in project ${groupId} to its default limits? Its ${describeLimits(
              await client.rateLimits.get({ groupId, modelGroupName: name }, { signal }),
            )} are lost.`;
      if (!(await confirm(io, question))) throw new NotConfirmedError('Nothing reset.');
    }
    const data = new Data(io);
    if (name !== undefined) {
      const limit = await client.rateLimits.reset({ groupId, modelGroupName: name }, { signal });
      new Messages(io).done(`Reset ${name} in project ${groupId} to ${describeLimits(limit)}.`);
      return data.write(options.json ? toJson(limit) : limitTable([limit], data.styles));
    }
    const { results = [] } = await client.rateLimits.resetAll({ groupId }, { signal });
    const count = `${results.length} model group${results.length === 1 ? '' : 's'}`;
    new Messages(io).done(`Reset the limits of ${count} in project ${groupId} to their defaults.`);
    await data.write(options.json ? toJson(results) : limitTable(results, data.styles));
  });
}
