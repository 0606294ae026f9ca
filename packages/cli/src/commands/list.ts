import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { describeScope, listScope } from '../arguments.js';
import type { CliIo } from '../io.js';
import { keyTable, toJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';
import { Progress } from '../progress.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `list`. */
export interface ListOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly json?: boolean;
}

/** `list`: every key of a project or organisation, all pages, as a table or one JSON array. */
export async function list(io: CliIo, options: ListOptions): Promise<void> {
  const scope = listScope(options, io.env);
  await withClient(io, options, async (client) => {
    const call =
      scope.kind === 'org'
        ? client.listOrgAiModelApiKeys({ orgId: scope.orgId }, { signal: io.signal })
        : client.listGroupAiModelApiKeys({ groupId: scope.groupId }, { signal: io.signal });
    const keys: AiModelApiKey[] = [];
    const progress = new Progress(io);
    let pages = 0;
    try {
      for await (const page of call.pages()) {
        pages += 1;
        keys.push(...(page.results ?? []));
        progress.update(pages, keys.length, page.totalCount);
      }
    } finally {
      progress.clear();
    }
    const data = new Data(io);
    if (options.json) return data.write(toJson(keys));
    if (keys.length === 0) {
      new Messages(io).info(`No AI model API keys in ${describeScope(scope)}.`);
      return;
    }
    await data.write(keyTable(keys, data.styles));
  });
}
