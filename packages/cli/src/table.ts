import stringWidth from 'string-width';

/** A column: its header and how to style a cell (after padding, so alignment holds). */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
  readonly style?: (text: string, row: Row) => string;
}

/** Renders rows as an aligned table, gh-style: an upper-case header, two spaces between columns. */
export function renderTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  headerStyle: (text: string) => string = (text) => text,
): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const headers = columns.map((column) => column.header.toUpperCase());
  const widths = headers.map((header, i) =>
    Math.max(stringWidth(header), ...cells.map((line) => stringWidth(line[i] ?? ''))),
  );
  const pad = (text: string, i: number) =>
    i === columns.length - 1 ? text : text + ' '.repeat((widths[i] ?? 0) - stringWidth(text));
  const lines = [
    headerStyle(headers.map(pad).join('  ').trimEnd()),
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
