import { API_VERSIONS, LATEST_API_VERSION } from '@org/atlas-types';
import { check } from './internal/validation.js';

/**
 * An Atlas API version: one the spec declares (suggested by editors), `preview`, or any other
 * release date such as `2023-01-01`, which is sent as it is.
 */
export type ApiVersion =
  | (typeof API_VERSIONS)[number]
  | 'preview'
  | `${number}-${number}-${number}`;

/** The newest version the spec declares: what the client asks for unless told otherwise. */
export const DEFAULT_API_VERSION: ApiVersion = LATEST_API_VERSION;

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

/**
 * What to add when Atlas refuses the API version asked for, undefined for any other status: 406
 * is a version it does not know (INVALID_VERSION_DATE), 410 one past its sunset (VERSION_GONE);
 * either way the fix is another version. `how` says how to choose one.
 */
export function apiVersionHint(status: number, how: string): string | undefined {
  if (status !== 406 && status !== 410) return undefined;
  const known = API_VERSIONS.map((version) =>
    version === DEFAULT_API_VERSION ? `${version} (the default)` : version,
  );
  return `this release knows API version${known.length === 1 ? '' : 's'} ${known.join(', ')}: pick one with ${how}`;
}
