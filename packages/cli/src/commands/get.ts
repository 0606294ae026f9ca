import { checkApiKeyId, listScope } from '../arguments.js';
import type { CliIo } from '../io.js';
import { keyTable, toJson } from '../key-output.js';
import { Data } from '../messages.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `get`. */
export interface GetOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly json?: boolean;
}

/** `get <apiKeyId>`: one key of a project or organisation. */
export async function get(io: CliIo, apiKeyId: string, options: GetOptions): Promise<void> {
  const scope = listScope(options, io.env);
  const id = checkApiKeyId(apiKeyId);
  await withClient(io, options, async (client) => {
    const key = await (scope.kind === 'org'
      ? client.getOrgAiModelApiKey({ orgId: scope.orgId, apiKeyId: id }, { signal: io.signal })
      : client.getGroupAiModelApiKey(
          { groupId: scope.groupId, apiKeyId: id },
          { signal: io.signal },
        ));
    const data = new Data(io);
    await data.write(options.json ? toJson(key) : keyTable([key], data.styles));
  });
}
