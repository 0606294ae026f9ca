import { STATUS_CODES } from 'node:http';
import type { ApiError } from '@org/atlas-types';
import type { EmulatedResponse } from './resource.js';

/** An Atlas error answer: the `ApiError` body every Atlas Administration API error carries. */
export function atlasError(
  status: number,
  errorCode: string,
  detail: string,
  headers?: Readonly<Record<string, string>>,
): EmulatedResponse {
  const body: ApiError = { detail, error: status, errorCode, reason: STATUS_CODES[status] ?? null };
  return headers === undefined ? { status, body } : { status, body, headers };
}

/** Atlas's 404 for a resource that does not exist (or no longer does). */
export function notFound(resource: string, id: string): EmulatedResponse {
  return atlasError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${resource} with id ${id}.`);
}
