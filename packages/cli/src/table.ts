import stringWidth from 'string-width';

/** A column: its header and how to style a cell (after padding, so alignment holds). */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  readonly style?: (text: string, row: Row) => string;
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
  const pad = (text: string, i: number) =>
    i === columns.length - 1
      ? text
      : text + ' '.repeat(Math.max((widths[i] ?? 0) - stringWidth(text), 0));
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
