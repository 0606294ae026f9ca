import { checkApiKeyId } from '../arguments.js';
import type { CliIo } from '../io.js';
import { keyDetails, toJson } from '../key-output.js';
import { Data } from '../messages.js';
import { resolveListScope } from '../scope.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `get`. */
export interface GetOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly json?: boolean;
}

/** `get <apiKeyId>`: every field of one key of a project or organisation. */
export async function get(io: CliIo, apiKeyId: string, options: GetOptions): Promise<void> {
  const id = checkApiKeyId(apiKeyId);
  const scope = await resolveListScope(io, options);
  await withClient(io, options, async (client) => {
    const key = await (scope.kind === 'org'
      ? client.keys.getForOrg({ orgId: scope.orgId, apiKeyId: id }, { signal: io.signal })
      : client.keys.get({ groupId: scope.groupId, apiKeyId: id }, { signal: io.signal }));
    const data = new Data(io);
    await data.write(options.json ? toJson(key) : keyDetails(key, data.styles));
  });
}
