import { PARAMETERS } from '@org/atlas-types';
import { AtlasValidationError } from './errors.js';
import { checkRule, type SchemaRule } from './schema-rule.js';
import { checkOptionalObject, checkPathId, checkSegment } from './validation.js';

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

/** A call's validated path and query parameters and body, ready for openapi-fetch. */
export interface OperationRequest {
  readonly path: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly body: Record<string, unknown> | undefined;
}

const RULES: Readonly<Record<string, SchemaRule>> = PARAMETERS;
const PATH_NAMES = new Map<string, string[]>();

/** The `{names}` of a path template, in order; worked out once per path. */
function pathNamesOf(path: string): string[] {
  let names = PATH_NAMES.get(path);
  if (!names) {
    names = [...path.matchAll(/{(\w+)}/g)].map((match) => match[1] as string);
    PATH_NAMES.set(path, names);
  }
  return names;
}

/**
 * Splits a method's flat params into path, query and body as the operation's row places them,
 * checking each against its rule from the spec; throws `AtlasValidationError` before any request.
 */
export function operationRequest(
  operationId: string,
  row: OperationRow,
  input: unknown,
): OperationRequest {
  const params = checkOptionalObject(input, 'params');
  const pathNames = pathNamesOf(row.path);
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
  const path: Record<string, string> = {};
  for (const name of pathNames) {
    // note: a path id is first checked as a path segment, whose messages say more than a rule's,
    // then by its rule (a pattern says more than "one segment"), then for "/" and spaces.
    const id = checkRule<string>(checkPathId(given(name), name), RULES[name] ?? {}, name);
    path[name] = checkSegment(id, name);
  }
  const query: Record<string, unknown> = {};
  for (const name of row.query) {
    const value = given(name);
    if (value !== undefined || row.requiredQuery?.includes(name)) {
      query[name] = checkRule(value, RULES[name] ?? {}, name);
    }
  }
  if (!row.body) return { path, query, body: undefined };
  const body: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(fields)) {
    const value = given(name);
    if (value !== undefined || row.body.requiredFields.includes(name)) {
      body[name] = checkRule(value, rule, name);
    }
  }
  return { path, query, body };
}
