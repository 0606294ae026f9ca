import { describeScope } from '../arguments.js';
import type { CliIo } from '../io.js';
import { Messages } from '../messages.js';
import { writePages } from '../paged-output.js';
import { resolveListScope } from '../scope.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `list`. */
export interface ListOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly profile?: string;
  readonly json?: boolean;
}

/**
 * `list`: every key of a project or organisation, as a table or one JSON array, written page by
 * page as pages arrive.
 */
export async function list(io: CliIo, options: ListOptions): Promise<void> {
  const scope = await resolveListScope(io, options);
  // note: the table's code (and string-width's tables) loads only for a table, so a JSON listing
  // reaches its first request sooner.
  const tablePage = options.json ? undefined : (await import('../key-output.js')).keyTablePage;
  await withClient(io, options, async (client) => {
    const call =
      scope.kind === 'org'
        ? client.keys.listForOrg({ orgId: scope.orgId }, { signal: io.signal })
        : client.keys.list({ groupId: scope.groupId }, { signal: io.signal });
    const listed = await writePages(io, call.pages(), {
      json: options.json,
      ...(tablePage ? { tablePage } : {}),
      noun: ['key', 'keys'],
    });
    if (listed === 0 && !options.json) {
      new Messages(io).info(`No AI model API keys in ${describeScope(scope)}.`);
    }
  });
}
