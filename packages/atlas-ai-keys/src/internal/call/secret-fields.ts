import { SECRET_FIELDS } from '@org/atlas-types';
import { isRecord } from '../validation.js';
import { envelopeContent } from './envelope.js';

/**
 * Makes the spec's secret fields (`format: password`, such as a new key's `secret`) of a body and
 * of its `results` not enumerable: still readable as `key.secret`, but left out of
 * `JSON.stringify`, `util.inspect`, spreads and logs, so the one-time secret is never shown by
 * accident.
 */
export function hideSecrets<T>(body: T, names: readonly string[]): T {
  const hide = (item: unknown) => {
    if (!isRecord(item)) return;
    for (const name of names) {
      if (Object.hasOwn(item, name)) Object.defineProperty(item, name, { enumerable: false });
    }
  };
  hide(body);
  const results = isRecord(body) ? body.results : undefined;
  if (Array.isArray(results)) results.forEach(hide);
  return body;
}

/** Hides the spec's secret fields of a body as openapi-fetch decoded it, within an envelope too. */
export function hideDecodedSecrets(data: unknown): void {
  hideSecrets(envelopeContent(data), SECRET_FIELDS);
}
