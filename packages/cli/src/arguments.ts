import type { SchemaRule } from '@org/atlas-ai-keys';
import { readVariable as fromEnv } from '@org/atlas-ai-keys/defaults';
import { OPERATIONS, PARAMETERS } from '@org/atlas-types';
import { UsageError } from './exit-codes.js';
import type { Env } from './io.js';
import type { CreateParams } from './keys-client.js';
import { hasControlCharacters, oneLine } from './one-line.js';

// note: every rule here (id patterns, name lengths, allowed values, defaults) is read from the
// operation table generated from the spec, so a spec change reaches the checks and the help
// text through `pnpm generate` alone.

/** The variable `--project` defaults to. */
export const PROJECT_ENV = 'MONGODB_ATLAS_PROJECT_ID';
/** The variable `--org` defaults to. */
export const ORG_ENV = 'MONGODB_ATLAS_ORG_ID';

/** A rule of the spec, as the generated table holds it; the command line checks strings only. */
type StringRule = SchemaRule;

/** The operations whose body carries the options of `create`, `rotate` and `rename`. */
export type BodyOperation = 'createGroupAiModelApiKey' | 'updateGroupAiModelApiKey';

/** The rules of every parameter, by name. */
const PARAMETER_RULES: Readonly<Record<string, StringRule | undefined>> = PARAMETERS;

/** The rows of the operations the command line sends bodies to, as wide types. */
const ROWS: Readonly<
  Record<
    BodyOperation,
    {
      readonly method: string;
      readonly body: { readonly fields: Readonly<Record<string, StringRule | undefined>> };
      readonly defaults?: Readonly<Record<string, unknown>>;
    }
  >
> = OPERATIONS;

/** A body field's rule in an operation's row. */
function fieldRule(operation: BodyOperation, field: string): StringRule {
  return ROWS[operation].body.fields[field] ?? {};
}

/** The value the client sends for `field` of `operation` when it is left out, if the spec declares one. */
function declaredDefault(operation: BodyOperation, field: string): unknown {
  return ROWS[operation].defaults?.[field];
}

/** `^([a-f0-9]{24})$` as words: "24 lower-case hexadecimal digits"; other patterns as written. */
function describePattern(pattern: string): string {
  const hex = /^\^\(?\[a-f0-9\]\{(\d+)\}\)?\$$/.exec(pattern);
  return hex ? `${hex[1]} lower-case hexadecimal digits` : `characters matching ${pattern}`;
}

/** A length rule as words: "1 to 250 characters", "at least 1 character". */
function describeLength({ minLength = 0, maxLength }: StringRule): string {
  const unit = (count: number) => `${count} character${count === 1 ? '' : 's'}`;
  if (maxLength === undefined) return `at least ${unit(Math.max(minLength, 1))}`;
  return minLength > 0 ? `${minLength} to ${unit(maxLength)}` : `at most ${unit(maxLength)}`;
}

/** What an id parameter must be, as the spec states it, for help and messages. */
export function idHelp(parameter: 'groupId' | 'orgId'): string {
  const { pattern } = PARAMETER_RULES[parameter] ?? {};
  return pattern ? describePattern(pattern) : 'an id';
}

/** What `--name` must be for `operation`, as the spec states it: "1 to 250 characters". */
export function nameHelp(operation: BodyOperation): string {
  return describeLength(fieldRule(operation, 'name'));
}

/** The values the spec allows for a scope field of `create`, and the default the client sends. */
export function scopeChoices(field: 'cloud' | 'geography'): {
  readonly choices: readonly string[];
  readonly fallback: string | undefined;
} {
  const allowed = fieldRule('createGroupAiModelApiKey', field).enum ?? [];
  const fallback = declaredDefault('createGroupAiModelApiKey', field);
  return {
    choices: allowed.filter((value): value is string => typeof value === 'string'),
    fallback: typeof fallback === 'string' ? fallback : undefined,
  };
}

/** Where a command's keys live: a project, or (for `list` and `get`) an organisation. */
export type Scope =
  | { readonly kind: 'project'; readonly groupId: string }
  | { readonly kind: 'org'; readonly orgId: string };

/** Quotes a received value for an error message, on one line and not too long. */
const received = (value: string) => JSON.stringify(oneLine(value).slice(0, 80));

/** Compiled patterns of the spec, by source. */
const PATTERNS = new Map<string, RegExp>();

/** Whether `value` satisfies a string rule of the spec; lengths count code points, as JSON Schema does. */
function satisfies(value: string, { pattern, minLength = 0, maxLength = Infinity }: StringRule) {
  const length = [...value].length;
  if (length < minLength || length > maxLength) return false;
  if (pattern === undefined) return true;
  const compiled = PATTERNS.get(pattern) ?? new RegExp(pattern, 'u');
  PATTERNS.set(pattern, compiled);
  return compiled.test(value);
}

/** Checks an id given by option or variable against the spec, naming whichever the user has to fix. */
function checkId(value: string, source: string, parameter: 'groupId' | 'orgId'): string {
  if (!satisfies(value, PARAMETER_RULES[parameter] ?? {})) {
    const what = parameter === 'groupId' ? 'a project' : 'an organisation';
    throw new UsageError(
      `${source} must be ${what} id of ${idHelp(parameter)}, received ${received(value)}`,
    );
  }
  return value;
}

/** A default from an Atlas CLI profile, and where it came from, for messages. */
export interface ProfileDefault {
  readonly value: string;
  readonly source: string;
}

/** The project and organisation an Atlas CLI profile gives, when the command needs them. */
export interface ProfileDefaults {
  readonly project?: ProfileDefault | undefined;
  readonly org?: ProfileDefault | undefined;
}

/**
 * The project of a command that works on projects only: `--project`, then the variable, then the
 * Atlas CLI profile's `project_id`.
 */
export function projectScope(
  options: { project?: string },
  env: Env,
  profile: ProfileDefaults = {},
): Scope & { kind: 'project' } {
  if (options.project !== undefined) {
    return { kind: 'project', groupId: checkId(options.project, '--project', 'groupId') };
  }
  const variable = fromEnv(env, PROJECT_ENV);
  if (variable !== undefined) {
    return { kind: 'project', groupId: checkId(variable, PROJECT_ENV, 'groupId') };
  }
  if (profile.project) {
    const { value, source } = profile.project;
    return { kind: 'project', groupId: checkId(value, source, 'groupId') };
  }
  throw new UsageError(
    `--project <groupId> is required (or set ${PROJECT_ENV}, or project_id in an Atlas CLI profile)`,
  );
}

/**
 * The scope of `list` and `get`: `--org` or `--project` as given, else the project variable, else
 * the organisation variable.
 */
export function listScope(
  options: { project?: string; org?: string },
  env: Env,
  profile: ProfileDefaults = {},
): Scope {
  if (options.project !== undefined && options.org !== undefined) {
    throw new UsageError('--project and --org cannot be used together: pick one');
  }
  if (options.org !== undefined) {
    return { kind: 'org', orgId: checkId(options.org, '--org', 'orgId') };
  }
  if (options.project !== undefined || fromEnv(env, PROJECT_ENV) !== undefined) {
    return projectScope(options, env);
  }
  const variable = fromEnv(env, ORG_ENV);
  if (variable !== undefined) {
    return { kind: 'org', orgId: checkId(variable, ORG_ENV, 'orgId') };
  }
  if (profile.project) return projectScope(options, env, profile);
  if (profile.org) {
    return {
      kind: 'org',
      orgId: checkId(profile.org.value, profile.org.source, 'orgId'),
    };
  }
  throw new UsageError(
    `--project <groupId> or --org <orgId> is required (or set ${PROJECT_ENV} or ${ORG_ENV}, or project_id or org_id in an Atlas CLI profile)`,
  );
}

/**
 * The organisation a command compares against, when one is known: `--org`, else
 * `MONGODB_ATLAS_ORG_ID`, else the Atlas CLI profile's `org_id`; undefined when none is set.
 * Checked against the spec's rule.
 */
export function knownOrg(
  options: { org?: string },
  env: Env,
  profile?: ProfileDefault,
): string | undefined {
  if (options.org !== undefined) return checkId(options.org, '--org', 'orgId');
  const variable = fromEnv(env, ORG_ENV);
  if (variable !== undefined) return checkId(variable, ORG_ENV, 'orgId');
  return profile && checkId(profile.value, profile.source, 'orgId');
}

/**
 * Checks a key id argument: a non-empty word without spaces or control characters, within
 * whatever the spec states of `apiKeyId` (today only that it is a string).
 */
export function checkApiKeyId(value: string): string {
  const rule = PARAMETER_RULES.apiKeyId ?? {};
  if (value === '' || /\s/.test(value) || hasControlCharacters(value) || !satisfies(value, rule)) {
    throw new UsageError(
      `<apiKeyId> must be a key id such as a86r5kwrfsk5r5ku5tgvhmpj, received ${received(value)}`,
    );
  }
  return value;
}

/** Checks `--name` against the spec's rule for `operation`'s name, and that it is not blank. */
export function checkName(value: string | undefined, operation: BodyOperation): string {
  if (value === undefined) throw new UsageError('--name <name> is required');
  const rule = fieldRule(operation, 'name');
  if (value.trim() === '' || !satisfies(value, rule)) {
    const length = [...value].length;
    throw new UsageError(
      `--name must be ${describeLength(rule)}, not blank, received ${length} character${length === 1 ? '' : 's'}`,
    );
  }
  return value;
}

/**
 * Checks a scope option (`--cloud`, `--geography`): one of the values the spec allows. Commander
 * checks the choices first; this narrows the type for the client and guards direct calls.
 */
export function checkScope<F extends 'cloud' | 'geography'>(
  value: string,
  field: F,
): NonNullable<CreateParams[F]> {
  const { choices } = scopeChoices(field);
  if (!choices.includes(value)) {
    const allowed = choices.map((choice) => JSON.stringify(choice)).join(', ');
    throw new UsageError(`--${field} must be one of ${allowed}, received ${received(value)}`);
  }
  return value as NonNullable<CreateParams[F]>;
}

/** Describes a scope for messages: `project 32b6…` or `organisation 5f1d…`. */
export function describeScope(scope: Scope): string {
  return scope.kind === 'project' ? `project ${scope.groupId}` : `organisation ${scope.orgId}`;
}
