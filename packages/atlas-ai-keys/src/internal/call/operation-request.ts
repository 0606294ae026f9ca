import { PARAMETERS } from '@org/atlas-types';
import { AtlasValidationError } from '../../errors.js';
import { checkRule, type SchemaRule } from '../../schema-rule.js';
import { checkOptionalObject, checkPathId, checkSegment } from '../validation.js';

/** One row of the generated operation table (`OPERATIONS` of `@org/atlas-types`). */
export interface OperationRow {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly query: readonly string[];
  readonly requiredQuery?: readonly string[];
  readonly body?: {
    readonly fields: Readonly<Record<string, SchemaRule>>;
    readonly requiredFields: readonly string[];
  };
  /** Values sent for parameters and body fields the caller leaves out (`x-client-default`). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly paginated?: boolean;
}

/** A call's validated parts: where it goes and what it sends. */
export interface OperationRequest {
  /** Path and query, percent-encoded, to follow the base URL. */
  readonly target: string;
  /** The body's fields; undefined for an operation without a body. */
  readonly body: Record<string, unknown> | undefined;
}

const RULES: Readonly<Record<string, SchemaRule>> = PARAMETERS;

/** A path template split at its `{names}`: text at even indexes, parameter names at odd ones. */
const TEMPLATES = new Map<string, readonly string[]>();

/** The parts of a path template; worked out once per path. */
function templateOf(path: string): readonly string[] {
  let parts = TEMPLATES.get(path);
  if (!parts) {
    parts = path.split(/{(\w+)}/);
    TEMPLATES.set(path, parts);
  }
  return parts;
}

/** `name=value` as a query string holds it; an array repeats the name, as openapi-fetch sends it. */
function queryPair(name: string, value: unknown): string {
  return Array.isArray(value)
    ? value.map((item) => queryPair(name, item)).join('&')
    : `${name}=${encodeURIComponent(String(value))}`;
}

/**
 * Places a method's flat params in the path, the query and the body as the operation's row says,
 * checking each against its rule from the spec; throws `AtlasValidationError` before any request.
 */
export function operationRequest(
  operationId: string,
  row: OperationRow,
  input: unknown,
): OperationRequest {
  const params = checkOptionalObject(input, 'params');
  const template = templateOf(row.path);
  const pathNames = template.filter((_, i) => i % 2 === 1);
  const fields = row.body?.fields ?? {};
  for (const name in params) {
    if (params[name] === undefined || pathNames.includes(name) || row.query.includes(name)) {
      continue;
    }
    if (Object.hasOwn(fields, name)) continue;
    const known = [...pathNames, ...row.query, ...Object.keys(fields)].join(', ');
    throw new AtlasValidationError(name, `one of the parameters of ${operationId} (${known})`);
  }
  const defaults = row.defaults ?? {};
  const given = (name: string) => (params[name] === undefined ? defaults[name] : params[name]);
  let target = template[0] as string;
  for (let i = 1; i < template.length; i += 2) {
    const name = template[i] as string;
    // note: a path id is first checked as a path segment, whose messages say more than a rule's,
    // then by its rule (a pattern says more than "one segment"), then for "/" and spaces.
    const id = checkRule<string>(checkPathId(given(name), name), RULES[name] ?? {}, name);
    target += encodeURIComponent(checkSegment(id, name)) + template[i + 1];
  }
  let separator = '?';
  for (const name of row.query) {
    const value = given(name);
    if (value === undefined && !row.requiredQuery?.includes(name)) continue;
    if (checkRule(value, RULES[name] ?? {}, name) === null) continue;
    target += separator + queryPair(name, value);
    separator = '&';
  }
  if (!row.body) return { target, body: undefined };
  const body: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(fields)) {
    const value = given(name);
    if (value !== undefined || row.body.requiredFields.includes(name)) {
      body[name] = checkRule(value, rule, name);
    }
  }
  return { target, body };
}

/**
 * Where a list's iteration starts: `pageNum` and `itemsPerPage` as the caller gave them, checked
 * against their rules (absent when not given); throws `AtlasValidationError`.
 */
export function pageStart(input: unknown): { pageNum?: number; itemsPerPage?: number } {
  const params = checkOptionalObject(input, 'params');
  const checked = (name: string) =>
    params[name] === undefined
      ? undefined
      : checkRule<number>(params[name], RULES[name] ?? {}, name);
  return { pageNum: checked('pageNum'), itemsPerPage: checked('itemsPerPage') };
}
