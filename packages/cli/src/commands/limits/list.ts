import { describeScope } from '../../arguments.js';
import type { CliIo } from '../../io.js';
import { limitTablePage } from '../../limit-output.js';
import { Messages } from '../../messages.js';
import { writePages } from '../../paged-output.js';
import { resolveListScope } from '../../scope.js';
import { type ConnectionOptions, withClient } from '../../with-client.js';

/** Options of `limits list`. */
export interface LimitsListOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly json?: boolean;
}

/**
 * `limits list`: the rate limits of every model group of a project, or of an organisation, as a
 * table or one JSON array.
 */
export async function listLimits(io: CliIo, options: LimitsListOptions): Promise<void> {
  const scope = await resolveListScope(io, options);
  await withClient(io, options, async (client) => {
    const call =
      scope.kind === 'org'
        ? client.rateLimits.listForOrg({ orgId: scope.orgId }, { signal: io.signal })
        : client.rateLimits.list({ groupId: scope.groupId }, { signal: io.signal });
    const listed = await writePages(io, call.pages(), {
      json: options.json,
      tablePage: limitTablePage,
      noun: ['model group', 'model groups'],
    });
    if (listed === 0 && !options.json) {
      new Messages(io).info(`No AI model rate limits in ${describeScope(scope)}.`);
    }
  });
}
