import { UsageError } from './exit-codes.js';
import { hasControlCharacters } from './one-line.js';

/** An HTTP header's name: an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Collects each `--header` into a list, as commander calls it once per occurrence. */
export function collectHeader(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/**
 * The `--header 'Name: value'` options as name and value pairs, checked before any request.
 * Credentials come from the environment only, so `Authorization` is refused.
 */
export function parseHeaders(options: readonly string[] = []): [name: string, value: string][] {
  return options.map((option) => {
    const colon = option.indexOf(':');
    const name = option.slice(0, Math.max(colon, 0)).trim();
    const value = option.slice(colon + 1).trim();
    // note: the option is not quoted back, as a mistyped one may hold a credential.
    const wrong =
      colon < 0
        ? 'one has no colon'
        : !TOKEN.test(name)
          ? 'one has a name that is not a header name'
          : hasControlCharacters(value)
            ? 'one has a control character in its value'
            : undefined;
    if (wrong !== undefined) {
      throw new UsageError(`--header must be "Name: value", such as "Prefer: code=404"; ${wrong}`);
    }
    if (name.toLowerCase() === 'authorization') {
      throw new UsageError(
        '--header cannot set Authorization: credentials come from the MONGODB_ATLAS_* variables or an Atlas CLI profile',
      );
    }
    return [name, value];
  });
}

/** A fetch that sends `headers` with every request, over what the client set. */
export function fetchWithHeaders(
  headers: readonly (readonly [string, string])[],
  fetch: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    for (const [name, value] of headers) request.headers.set(name, value);
    return fetch(request);
  };
}
