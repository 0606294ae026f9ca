import type { AiModelRateLimit } from '@org/atlas-ai-keys';
import type { Styles } from './colors.js';
import { perMinute } from './limit-arguments.js';
import { printable } from './one-line.js';
import { type Column, renderDetails, renderTable, renderTablePage } from './table.js';

/** A count from the server as people read it; anything but a number is shown as received. */
function count(value: unknown): string {
  return typeof value === 'number' ? perMinute(value) : printable(String(value ?? ''));
}

/** A model group's models on one line. */
function models(limit: AiModelRateLimit): string {
  return printable((limit.modelNames ?? []).join(', '));
}

/** The table's columns: model group, its models, requests and tokens a minute. */
function columns(styles: Styles): Column<AiModelRateLimit>[] {
  return [
    { header: 'model group', cell: (limit) => printable(limit.modelGroupName ?? '') },
    { header: 'models', cell: models, style: (text) => styles.dim(text) },
    {
      header: 'requests/min',
      cell: (limit) => count(limit.requestsPerMinuteLimit),
      align: 'right',
    },
    { header: 'tokens/min', cell: (limit) => count(limit.tokensPerMinuteLimit), align: 'right' },
  ];
}

/** Rate limits as an aligned table for people. */
export function limitTable(limits: readonly AiModelRateLimit[], styles: Styles): string {
  return renderTable(columns(styles), limits, styles.bold);
}

/** One page of the table, aligned to the first page's widths (which it returns). */
export function limitTablePage(
  limits: readonly AiModelRateLimit[],
  styles: Styles,
  widths: readonly number[] | undefined,
): { text: string; widths: readonly number[] } {
  return renderTablePage(columns(styles), limits, styles.bold, widths);
}

/** The fields `limits get` shows, in order, with their labels. */
const DETAILS: readonly [field: string, label: string][] = [
  ['modelGroupName', 'model group'],
  ['modelNames', 'models'],
  ['requestsPerMinuteLimit', 'requests/min'],
  ['tokensPerMinuteLimit', 'tokens/min'],
  ['cloud', 'cloud'],
  ['geography', 'geography'],
  ['endpoint', 'endpoint'],
];

/** A field's value as text: counts grouped, models listed, anything else as JSON, escaped. */
function detailText(field: string, value: unknown): string {
  if (field === 'requestsPerMinuteLimit' || field === 'tokensPerMinuteLimit') return count(value);
  if (field === 'modelNames' && Array.isArray(value)) return printable(value.join(', '));
  return printable(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
}

/** Every field of one model group's limits, one per line: what `limits get` shows. */
export function limitDetails(limit: AiModelRateLimit, styles: Styles): string {
  return renderDetails(limit, DETAILS, detailText, styles.bold);
}

/** A model group's limits in a sentence: "500 requests/min and 1,000,000 tokens/min". */
export function describeLimits(limits: {
  readonly requestsPerMinuteLimit: number;
  readonly tokensPerMinuteLimit: number;
}): string {
  return `${count(limits.requestsPerMinuteLimit)} requests/min and ${count(limits.tokensPerMinuteLimit)} tokens/min`;
}
