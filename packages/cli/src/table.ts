import stringWidth from 'string-width';
import { printable } from './one-line.js';

/** A column: its header and how to style a cell (after padding, so alignment holds). */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  readonly style?: (text: string, row: Row) => string;
  /** Numbers read best aligned on the right. */
  readonly align?: 'right';
}

/** The width of each column: its widest cell or its header. */
export function columnWidths<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): number[] {
  return columns.map((column) =>
    Math.max(stringWidth(column.header), ...rows.map((row) => stringWidth(column.cell(row)))),
  );
}

/**
 * Renders rows as an aligned table, gh-style: an upper-case header, two spaces between columns.
 * Given `widths` (those of an earlier part of the same table), the rows follow that part without
 * a header; a wider cell then widens only its own row.
 */
export function renderTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  headerStyle: (text: string) => string = (text) => text,
  widths?: readonly number[],
): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const headers = columns.map((column) => column.header.toUpperCase());
  const withHeader = widths === undefined;
  widths ??= columnWidths(columns, rows);
  const pad = (text: string, i: number) => {
    const room = ' '.repeat(Math.max((widths[i] ?? 0) - stringWidth(text), 0));
    if (columns[i]?.align === 'right') return room + text;
    return i === columns.length - 1 ? text : text + room;
  };
  const lines = [
    ...(withHeader ? [headerStyle(headers.map(pad).join('  ').trimEnd())] : []),
    ...cells.map((line, r) =>
      line
        .map((text, i) => {
          const padded = pad(text, i);
          const style = columns[i]?.style;
          return style ? style(padded, rows[r] as Row) : padded;
        })
        .join('  ')
        .trimEnd(),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One page of a table written as pages arrive: the first page (no `widths` yet) with the header,
 * later ones aligned to the first page's widths, which it returns.
 */
export function renderTablePage<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  headerStyle: (text: string) => string,
  widths: readonly number[] | undefined,
): { text: string; widths: readonly number[] } {
  return {
    text: renderTable(columns, rows, headerStyle, widths),
    widths: widths ?? columnWidths(columns, rows),
  };
}

/**
 * Every field of one record, one per line, labels aligned: those of `known` first, in order and
 * under their labels, then any other (but `hidden`) under its own name. `text` shows a value.
 */
export function renderDetails(
  record: Readonly<Record<string, unknown>>,
  known: readonly (readonly [field: string, label: string])[],
  text: (field: string, value: unknown) => string,
  labelStyle: (text: string) => string,
  hidden: readonly string[] = [],
): string {
  const fields = new Set(known.map(([field]) => field));
  const rows = [
    ...known.filter(([field]) => field in record),
    ...Object.keys(record)
      .filter((field) => !fields.has(field) && !hidden.includes(field))
      .map((field): readonly [string, string] => [field, printable(field)]),
  ];
  const width = Math.max(...rows.map(([, label]) => label.length));
  return rows
    .map(([field, label]) => `${labelStyle(label.padEnd(width))}  ${text(field, record[field])}`)
    .join('\n')
    .concat('\n');
}
