import type { AiModelApiKey } from '@org/atlas-ai-keys';
import type { Styles } from './colors.js';
import { printable } from './one-line.js';
import { type Column, renderTable } from './table.js';

/** An API timestamp as `YYYY-MM-DD HH:MM` in UTC; anything unparseable is shown as received. */
export function formatTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'never';
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return printable(value);
  return `${time.toISOString().slice(0, 16).replace('T', ' ')}`;
}

/** The table's columns: name, id, status, masked secret, created and last used. */
function columns(styles: Styles): Column<AiModelApiKey>[] {
  return [
    { header: 'name', cell: (key) => printable(key.name ?? '') },
    { header: 'id', cell: (key) => printable(key.apiKeyId ?? '') },
    {
      header: 'status',
      cell: (key) => printable(key.status ?? ''),
      style: (text, key) => (key.status === 'ACTIVE' ? styles.green(text) : styles.yellow(text)),
    },
    { header: 'secret', cell: (key) => printable(key.maskedSecret ?? '') },
    { header: 'created (UTC)', cell: (key) => formatTime(key.createdAt) },
    {
      header: 'last used (UTC)',
      cell: (key) => formatTime(key.lastUsedAt),
      style: (text, key) => (key.lastUsedAt ? text : styles.dim(text)),
    },
  ];
}

/** Keys as an aligned table for people. */
export function keyTable(keys: readonly AiModelApiKey[], styles: Styles): string {
  return renderTable(columns(styles), keys, styles.bold);
}

/**
 * A value as the JSON the API sent, indented, with a final newline. Characters that would steer a
 * terminal and that JSON.stringify leaves raw (DEL, C1 controls, bidi and zero-width characters)
 * are `\u` escapes of the same value; the only raw line breaks are the indentation's own.
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).split('\n').map(printable).join('\n')}\n`;
}

/**
 * A newly made key as JSON, its one-time secret included: the client keeps `secret` out of
 * `JSON.stringify` so it cannot leak by accident, and this is the one place that prints it on purpose.
 */
export function newKeyJson(key: AiModelApiKey): string {
  return toJson({ ...key, secret: key.secret });
}
