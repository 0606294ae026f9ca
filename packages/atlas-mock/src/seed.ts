/** Group ID of the spec's example key, the one the static mock serves. */
export const seededGroupId = '32b6e34b3d91647abb20e7b8';

/** API key ID of the spec's example key. */
export const seededApiKeyId = 'a86r5kwrfsk5r5ku5tgvhmpj';

/** Path of the example key, to append to a mock URL. */
export const seededKeyPath = `/api/atlas/v2/groups/${seededGroupId}/aiModelApiKeys/${seededApiKeyId}`;

/** The media type (version) of the example key's operation in the spec. */
export const seededMediaType = 'application/vnd.atlas.2025-03-12+json';

/** A ready-to-paste curl that fetches the example key from the mock at `url`. */
export function seededCurl(url: string): string {
  // Prism only checks the Authorization header's shape, so any Bearer token passes.
  return `curl -s -H 'Authorization: Bearer demo' -H 'Accept: ${seededMediaType}' ${url}${seededKeyPath}`;
}
