import { CONTROL_CHARACTER, isLoopbackHost } from '../defaults.js';
import { AtlasValidationError } from '../errors.js';

const MAX_SHOWN = 40;

/** What a credential must be, as error messages word it. */
export const CREDENTIAL = 'a non-empty string';
/** What a bearer token must be, as error messages word it. */
export const TOKEN = 'a token of visible ASCII characters, without "Bearer "';
/** What a Digest username (an API public key) must be, as error messages word it. */
export const PUBLIC_KEY = 'a non-empty string of printable ASCII';

/** `text`, cut to its first `max` characters and an ellipsis when it is longer. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A short rendering of a rejected value for an error message. A `secret` value is described by
 * its kind only, never its content.
 */
export function describeValue(value: unknown, secret?: boolean): string {
  const type = typeof value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (type === 'string') {
    const text = value as string;
    if (secret) return text ? 'a string' : 'an empty string';
    const shown = JSON.stringify(truncate(text, MAX_SHOWN));
    return text.length > MAX_SHOWN ? `${shown} (${text.length} characters)` : shown;
  }
  if (!secret && (type === 'number' || type === 'boolean')) return `${type} ${value}`;
  return type === 'object' ? 'an object' : type;
}

/** Whether `text` has no lone surrogate, which percent-encoding (encodeURIComponent) rejects. */
function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Returns `value` when `ok`; throws `AtlasValidationError` naming `field` and describing `value` otherwise. */
export function check<T>(ok: unknown, value: unknown, field: string, expected: string): T {
  if (ok) return value as T;
  throw new AtlasValidationError(field, expected, describeValue(value));
}

/**
 * Why `value` cannot be a credential of the kind `expected` words (`CREDENTIAL`, `TOKEN` or
 * `PUBLIC_KEY`), without ever quoting it; undefined when it can. Headers reject control
 * characters with a message that quotes the value, so tokens are checked for them first.
 */
export function credentialProblem(value: unknown, expected = CREDENTIAL): string | undefined {
  if (typeof value !== 'string' || !value) return describeValue(value, true);
  // note: a lone surrogate makes encodeURIComponent throw while building the Basic header.
  if (!isWellFormed(value)) return 'a string that is not well-formed Unicode';
  if (expected === TOKEN) {
    if (/\s/.test(value)) return 'a string containing whitespace';
    if (!/^[\x21-\x7e]+$/.test(value)) return 'a string with characters other than visible ASCII';
  }
  if (expected === PUBLIC_KEY && !/^[\x20-\x7e]+$/.test(value)) {
    return 'a string with other characters';
  }
}

/** Returns `value` when it can be a credential of the kind `expected` words; throws `AtlasValidationError` naming `field` otherwise. */
export function checkCredential(value: unknown, field: string, expected = CREDENTIAL): string {
  const problem = credentialProblem(value, expected);
  if (problem) throw new AtlasValidationError(field, expected, problem);
  return value as string;
}

/** Checks an opaque path id: non-empty, bounded, no control characters, not a dot segment. */
export function checkPathId(value: unknown, field: string): string {
  const id = check<string>(typeof value === 'string' && value, value, field, CREDENTIAL);
  check(id.length <= 256, id, field, 'at most 256 characters');
  check(!CONTROL_CHARACTER.test(id), id, field, 'free of control characters');
  check(isWellFormed(id), id, field, 'well-formed Unicode');
  // note: percent-encoding leaves "." and "..", and URL parsing would then climb the path.
  return check(id !== '.' && id !== '..', id, field, 'an id, not the path segment "." or ".."');
}

/**
 * Checks that a path id (a key id, a model group name) is one path segment, without "/" or
 * spaces. Percent-encoding would carry either safely, but no Atlas id or name holds one, and a
 * proxy that decodes %2F would route the request elsewhere: a typo, refused.
 */
export function checkSegment(id: string, field: string): string {
  return check(!/[\s/]/.test(id), id, field, 'one path segment, without "/" or spaces');
}

/** Checks a whole number within `[min, max]`; `unit` words the message ("milliseconds"). */
export function checkWholeNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
  unit?: string,
): number {
  return check(
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
    value,
    field,
    `a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`,
  );
}

/** Checks that a value is a plain object (or absent), so its fields can be read. */
export function checkOptionalObject(value: unknown, field: string): Record<string, unknown> {
  return value === undefined ? {} : check(isRecord(value), value, field, 'an object');
}

/** Whether `value` is a non-null object other than an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a decoded JSON value nests objects and arrays more than `levels` deep. The walk stops
 * there, so no value can exhaust the stack, as JSON.stringify of a crafted one would.
 */
export function nestsDeeperThan(value: unknown, levels: number): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (levels === 0 || Object.values(value).some((item) => nestsDeeperThan(item, levels - 1)))
  );
}

/** Checks text that goes into a header: printable, no line breaks. */
export function checkHeaderText(value: unknown, field: string): string {
  return check(
    typeof value === 'string' && !CONTROL_CHARACTER.test(value),
    value,
    field,
    'a string without control characters',
  );
}

/**
 * Checks the base URL: http(s), no credentials, query or fragment, and https unless the host
 * is loopback or `allowInsecureHttp` is set (credentials would otherwise cross the network in clear).
 */
export function checkBaseUrl(value: unknown, allowInsecureHttp: boolean, field: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value as string);
  } catch {}
  check(
    typeof value === 'string' && /^https?:$/.test(parsed?.protocol as string),
    // note: never echo userinfo, a credential: all before the last "@" goes, since a password
    // may hold "/", "?" or "#" and an unparseable URL has no reliable end to its userinfo.
    typeof value === 'string' ? value.replace(/^[\s\S]*@/, '…@') : value,
    field,
    'an http or https URL',
  );
  const url = parsed as URL;
  const { href } = url;
  if (url.username || url.password) {
    // note: never echo the value; credentials belong in `auth`, which never sends them elsewhere.
    throw new AtlasValidationError(field, 'a URL without user name or password');
  }
  // note: an empty "?" or "#" leaves search and hash empty but stays in href, and the request
  // path would then be appended after it, into the query or fragment.
  check(!/[?#]/.test(href), href, field, 'a URL without query or fragment');
  check(
    allowInsecureHttp || href.startsWith('https:') || isLoopbackHost(url.hostname),
    href,
    field,
    'an https URL unless the host is loopback or allowInsecureHttp is true',
  );
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
