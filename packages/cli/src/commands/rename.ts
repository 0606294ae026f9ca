import { checkApiKeyId, checkName } from '../arguments.js';
import type { CliIo } from '../io.js';
import { keyTable, toJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';
import { printable } from '../one-line.js';
import { resolveProject } from '../scope.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `rename`. */
export interface RenameOptions extends ConnectionOptions {
  readonly project?: string;
  readonly name?: string;
  readonly json?: boolean;
}

/** `rename <apiKeyId> --name <name>`: a key's new name; the key itself is unchanged. */
export async function rename(io: CliIo, apiKeyId: string, options: RenameOptions): Promise<void> {
  const id = checkApiKeyId(apiKeyId);
  const name = checkName(options.name, 'updateGroupAiModelApiKey');
  const { groupId } = await resolveProject(io, options);
  await withClient(io, options, async (client) => {
    const key = await client.keys.update({ groupId, apiKeyId: id, name }, { signal: io.signal });
    new Messages(io).done(`Renamed key ${id} to "${printable(key.name ?? name)}".`);
    const data = new Data(io);
    await data.write(options.json ? toJson(key) : keyTable([key], data.styles));
  });
}
