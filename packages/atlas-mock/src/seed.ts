import { AI_MODEL_API_KEY_MEDIA_TYPE } from '@org/atlas-types';
import { RESET_PATH } from './control.js';

/** The project of the key every mock starts with: the spec's example `groupId`. */
export const seededGroupId = '32b6e34b3d91647abb20e7b8';

/** The id of the key every mock starts with: the spec's example key. */
export const seededApiKeyId = 'a86r5kwrfsk5r5ku5tgvhmpj';

/** Path of the seeded key, to append to a mock's base URL. */
export const seededKeyPath = `/api/atlas/v2/groups/${seededGroupId}/aiModelApiKeys/${seededApiKeyId}`;

/** A ready-to-paste curl that fetches the seeded key from the mock at `baseUrl`. */
export function seededCurl(baseUrl: string): string {
  // Prism only checks the Authorization header's shape, so any Bearer token passes.
  return `curl -s -H 'Authorization: Bearer demo' -H 'Accept: ${AI_MODEL_API_KEY_MEDIA_TYPE}' ${baseUrl}${seededKeyPath}`;
}

/** A ready-to-paste curl that resets the stateful mock at `baseUrl`. */
export function resetCurl(baseUrl: string): string {
  return `curl -s -X POST ${baseUrl}${RESET_PATH}`;
}
