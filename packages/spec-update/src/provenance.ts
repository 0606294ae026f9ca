import { createHash } from 'node:crypto';
import { isObject, type JsonObject } from './openapi.js';

/** `info` fields upstream changes with every publication, whatever changed: not kept. */
const VOLATILE_INFO_FIELDS = ['x-xgen-sha'];

/** JSON with object keys sorted, so equal content always hashes alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of a cut's canonical JSON: the content taken from upstream, whatever its layout. */
export function contentHash(cut: JsonObject): string {
  return createHash('sha256').update(canonicalJson(cut)).digest('hex');
}

/**
 * Records where the fragment came from in `info`: the source document and the hash of what was
 * taken from it. Upstream's own commit id goes: it changes with every publication of the whole
 * API, and would make the fragment change when none of our operations did.
 */
export function recordProvenance(cut: JsonObject, source: string): JsonObject {
  const info = isObject(cut.info) ? { ...cut.info } : {};
  for (const field of VOLATILE_INFO_FIELDS) delete info[field];
  const withoutVolatile = { ...cut, info };
  return {
    ...withoutVolatile,
    info: {
      ...info,
      'x-upstream-source': source,
      'x-upstream-sha256': contentHash(withoutVolatile),
    },
  };
}
