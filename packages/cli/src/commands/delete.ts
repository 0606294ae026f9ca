import { checkApiKeyId } from '../arguments.js';
import { checkConfirmable, confirm } from '../confirm.js';
import { NotConfirmedError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { toJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';
import { printable } from '../one-line.js';
import { resolveProject } from '../scope.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `delete`. */
export interface DeleteOptions extends ConnectionOptions {
  readonly project?: string;
  readonly yes?: boolean;
  readonly json?: boolean;
}

/**
 * `delete <apiKeyId>`: deletes a key after confirmation. On a terminal it shows the key's name and
 * asks; elsewhere it needs `--yes`, and without it stops before any request.
 */
export async function deleteKey(
  io: CliIo,
  apiKeyId: string,
  options: DeleteOptions,
): Promise<void> {
  const id = checkApiKeyId(apiKeyId);
  const { groupId } = await resolveProject(io, options);
  const yes = options.yes === true;
  checkConfirmable(io, yes, `delete removes key ${id} for good`);
  await withClient(io, options, async (client) => {
    let label = id;
    if (!yes) {
      // note: the name is fetched so that the person confirms a key they recognise, not an id.
      const key = await client.keys.get({ groupId, apiKeyId: id }, { signal: io.signal });
      label = `"${printable(key.name ?? '')}" (${id})`;
      const question = `Delete key ${label} from project ${groupId}? Anything using it stops working.`;
      if (!(await confirm(io, question))) {
        throw new NotConfirmedError('Nothing deleted.');
      }
    }
    await client.keys.delete({ groupId, apiKeyId: id }, { signal: io.signal });
    new Messages(io).done(`Deleted key ${label} from project ${groupId}.`);
    if (options.json) await new Data(io).write(toJson({ deleted: true, apiKeyId: id, groupId }));
  });
}
