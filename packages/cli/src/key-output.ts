import type { AiModelApiKey } from '@org/atlas-ai-keys';
import type { Styles } from './colors.js';
import { toJson } from './json-output.js';
import { printable } from './one-line.js';
import { type Column, renderDetails, renderTable, renderTablePage } from './table.js';

// note: the commands that print keys take toJson from here too.
export { toJson } from './json-output.js';

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
 * One page of a table written as pages arrive: the first page (no `widths` yet) with the header,
 * later ones aligned to the first page's widths, which it returns.
 */
export function keyTablePage(
  keys: readonly AiModelApiKey[],
  styles: Styles,
  widths: readonly number[] | undefined,
): { text: string; widths: readonly number[] } {
  return renderTablePage(columns(styles), keys, styles.bold, widths);
}

/** The fields `get` shows, in order, with their labels; any other field follows under its own name. */
const DETAILS: readonly [field: string, label: string][] = [
  ['name', 'name'],
  ['apiKeyId', 'id'],
  ['status', 'status'],
  ['maskedSecret', 'secret'],
  ['cloud', 'cloud'],
  ['geography', 'geography'],
  ['endpoint', 'endpoint'],
  ['createdBy', 'created by'],
  ['createdAt', 'created (UTC)'],
  ['lastUsedAt', 'last used (UTC)'],
  ['groupId', 'project'],
];

/** A field's value as text: times in UTC, anything not a string as JSON, control characters escaped. */
function detailText(field: string, value: unknown): string {
  if (field === 'createdAt' || field === 'lastUsedAt') return formatTime(value as string | null);
  return printable(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
}

/** Every field of one key, one per line, labels aligned: what `get` shows. */
export function keyDetails(key: AiModelApiKey, styles: Styles): string {
  return renderDetails(key, DETAILS, detailText, styles.bold, ['secret']);
}

/**
 * A newly made key as JSON, its one-time secret included: the client keeps `secret` out of
 * `JSON.stringify` so it cannot leak by accident, and this is the one place that prints it on purpose.
 */
export function newKeyJson(key: AiModelApiKey): string {
  return toJson({ ...key, secret: key.secret });
}
