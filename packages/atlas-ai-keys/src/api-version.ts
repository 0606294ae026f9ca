import { AI_MODEL_API_KEY_MEDIA_TYPE } from '@org/atlas-types';
import { check } from './validation.js';

/** An Atlas API version: `preview` or a release date such as `2025-03-12`. */
export type ApiVersion = 'preview' | `${number}-${number}-${number}`;

/** The version the spec was written for. */
export const DEFAULT_API_VERSION = AI_MODEL_API_KEY_MEDIA_TYPE.slice(
  'application/vnd.atlas.'.length,
  -'+json'.length,
) as ApiVersion;

/** Whether `value` is a real calendar date written YYYY-MM-DD, from year 0100 on. */
function isCalendarDate(value: string): boolean {
  const date = new Date(value);
  // note: Date rolls an impossible day over (February 30 becomes March 2), so a real date is one
  // that reads back unchanged.
  return (
    /^\d{4}-\d\d-\d\d$/.test(value) &&
    value >= '0100' &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().startsWith(value)
  );
}

/** Checks `apiVersion` and returns the versioned media type Atlas selects it by. */
export function mediaTypeFor(apiVersion: unknown, field = 'apiVersion'): string {
  check(
    apiVersion === 'preview' || (typeof apiVersion === 'string' && isCalendarDate(apiVersion)),
    apiVersion,
    field,
    '"preview" or a date as YYYY-MM-DD',
  );
  return `application/vnd.atlas.${apiVersion}+json`;
}
