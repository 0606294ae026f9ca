import type { AiModelApiKey } from '@org/atlas-ai-keys';
import { describeScope } from '../arguments.js';
import type { CliIo } from '../io.js';
import { keyTablePage, toJson } from '../key-output.js';
import { Data, Messages } from '../messages.js';
import { Progress } from '../progress.js';
import { resolveListScope } from '../scope.js';
import { type ConnectionOptions, withClient } from '../with-client.js';

/** Options of `list`. */
export interface ListOptions extends ConnectionOptions {
  readonly project?: string;
  readonly org?: string;
  readonly profile?: string;
  readonly json?: boolean;
}

/** One key of a JSON array written item by item, indented as the whole array would be. */
const jsonItem = (key: AiModelApiKey) => toJson(key).trimEnd().replace(/^/gm, '  ');

/**
 * `list`: every key of a project or organisation, as a table or one JSON array, written page by
 * page as pages arrive. A reader that closes stdout (`| head -1`) stops the fetching: the next
 * write fails, the page loop ends, and the command exits 0.
 */
export async function list(io: CliIo, options: ListOptions): Promise<void> {
  const scope = await resolveListScope(io, options);
  await withClient(io, options, async (client) => {
    const call =
      scope.kind === 'org'
        ? client.keys.listForOrg({ orgId: scope.orgId }, { signal: io.signal })
        : client.keys.list({ groupId: scope.groupId }, { signal: io.signal });
    const data = new Data(io);
    const progress = new Progress(io);
    let pages = 0;
    let listed = 0;
    let widths: readonly number[] | undefined;
    try {
      for await (const page of call.pages()) {
        const keys = page.results ?? [];
        pages += 1;
        listed += keys.length;
        progress.update(pages, listed, page.totalCount);
        if (keys.length === 0) continue;
        progress.clear();
        if (options.json) {
          await data.write(
            `${listed === keys.length ? '[\n' : ',\n'}${keys.map(jsonItem).join(',\n')}`,
          );
          continue;
        }
        // note: the first page's columns set the widths; a later, wider cell widens only its row.
        const part = keyTablePage(keys, data.styles, widths);
        widths = part.widths;
        await data.write(part.text);
      }
    } finally {
      progress.clear();
    }
    if (options.json) return data.write(listed === 0 ? '[]\n' : '\n]\n');
    if (listed === 0) new Messages(io).info(`No AI model API keys in ${describeScope(scope)}.`);
  });
}
