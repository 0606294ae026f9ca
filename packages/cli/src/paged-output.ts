import type { Styles } from './colors.js';
import type { CliIo } from './io.js';
import { toJson } from './json-output.js';
import { Data } from './messages.js';
import { Progress } from './progress.js';

/** One page of a list as the API returns it. */
interface Page<Row> {
  readonly results?: readonly Row[];
  readonly totalCount?: number;
}

/** How a list is printed: its table, page by page, and what its items are called. */
export interface PagedOutput<Row> {
  /** `--json`: one JSON array of every item, written item by item. */
  readonly json?: boolean | undefined;
  /**
   * One page of the table, aligned to the widths of the first page (which it returns); absent
   * with `json`, so that a JSON listing does not load the table's code.
   */
  readonly tablePage?: (
    rows: readonly Row[],
    styles: Styles,
    widths: readonly number[] | undefined,
  ) => { text: string; widths: readonly number[] };
  /** What an item is called, for the progress line: one, many. */
  readonly noun: readonly [one: string, many: string];
}

/**
 * A page's items as they stand in the one JSON array written page by page: indented as the whole
 * array would be, without its brackets. One `JSON.stringify` for the page, not one per item.
 */
function jsonItems(rows: readonly unknown[]): string {
  const array = toJson(rows);
  return array.slice('[\n'.length, array.lastIndexOf('\n]'));
}

/**
 * Prints a list as a table or one JSON array, page by page as pages arrive, with progress on a
 * terminal; resolves with how many items were listed. A reader that closes stdout (`| head -1`)
 * stops the fetching: the next write fails, the page loop ends, and the command exits 0.
 */
export async function writePages<Row>(
  io: CliIo,
  pages: AsyncIterable<Page<Row>>,
  output: PagedOutput<Row>,
): Promise<number> {
  const data = new Data(io);
  const progress = new Progress(io, output.noun);
  let fetched = 0;
  let listed = 0;
  let widths: readonly number[] | undefined;
  try {
    for await (const page of pages) {
      const rows = page.results ?? [];
      fetched += 1;
      listed += rows.length;
      progress.update(fetched, listed, page.totalCount);
      if (rows.length === 0) continue;
      progress.clear();
      if (output.json || !output.tablePage) {
        await data.write(`${listed === rows.length ? '[\n' : ',\n'}${jsonItems(rows)}`);
        continue;
      }
      // note: the first page's columns set the widths; a later, wider cell widens only its row.
      const part = output.tablePage(rows, data.styles, widths);
      widths = part.widths;
      await data.write(part.text);
    }
  } finally {
    progress.clear();
  }
  if (output.json) await data.write(listed === 0 ? '[]\n' : '\n]\n');
  return listed;
}
