import { UsageError } from './exit-codes.js';
import type { Env } from './io.js';
import { hasControlCharacters, oneLine } from './one-line.js';

/** The variable `--project` defaults to. */
export const PROJECT_ENV = 'MONGODB_ATLAS_PROJECT_ID';
/** The variable `--org` defaults to. */
export const ORG_ENV = 'MONGODB_ATLAS_ORG_ID';

/** Atlas project (group) and organisation ids: 24 lower-case hexadecimal digits. */
const OBJECT_ID = /^[a-f0-9]{24}$/;
/** The API's limit on a key's name. */
const MAX_NAME = 250;

/** Where a command's keys live: a project, or (for `list` and `get`) an organisation. */
export type Scope =
  | { readonly kind: 'project'; readonly groupId: string }
  | { readonly kind: 'org'; readonly orgId: string };

/** Quotes a received value for an error message, on one line and not too long. */
const received = (value: string) => JSON.stringify(oneLine(value).slice(0, 80));

/** An empty variable counts as unset, as shells leave `VAR=` behind when clearing. */
const fromEnv = (env: Env, name: string) => env[name] || undefined;

/** Checks an id given by option or variable, naming whichever the user has to fix. */
function checkId(value: string, source: string, what: string): string {
  if (!OBJECT_ID.test(value)) {
    throw new UsageError(
      `${source} must be ${what} id of 24 lower-case hexadecimal digits, received ${received(value)}`,
    );
  }
  return value;
}

/** The project of a command that works on projects only: `--project`, then the variable. */
export function projectScope(options: { project?: string }, env: Env): Scope & { kind: 'project' } {
  if (options.project !== undefined) {
    return { kind: 'project', groupId: checkId(options.project, '--project', 'a project') };
  }
  const variable = fromEnv(env, PROJECT_ENV);
  if (variable !== undefined) {
    return { kind: 'project', groupId: checkId(variable, PROJECT_ENV, 'a project') };
  }
  throw new UsageError(`--project <groupId> is required (or set ${PROJECT_ENV})`);
}

/**
 * The scope of `list` and `get`: `--org` or `--project` as given, else the project variable, else
 * the organisation variable.
 */
export function listScope(options: { project?: string; org?: string }, env: Env): Scope {
  if (options.project !== undefined && options.org !== undefined) {
    throw new UsageError('--project and --org cannot be used together: pick one');
  }
  if (options.org !== undefined) {
    return { kind: 'org', orgId: checkId(options.org, '--org', 'an organisation') };
  }
  if (options.project !== undefined || fromEnv(env, PROJECT_ENV) !== undefined) {
    return projectScope(options, env);
  }
  const variable = fromEnv(env, ORG_ENV);
  if (variable !== undefined) {
    return { kind: 'org', orgId: checkId(variable, ORG_ENV, 'an organisation') };
  }
  throw new UsageError(
    `--project <groupId> or --org <orgId> is required (or set ${PROJECT_ENV} or ${ORG_ENV})`,
  );
}

/** Checks a key id argument: a non-empty word without spaces or control characters. */
export function checkApiKeyId(value: string): string {
  if (value === '' || /\s/.test(value) || hasControlCharacters(value)) {
    throw new UsageError(
      `<apiKeyId> must be a key id such as a86r5kwrfsk5r5ku5tgvhmpj, received ${received(value)}`,
    );
  }
  return value;
}

/** Checks `--name`: 1 to 250 characters, as the API allows. */
export function checkName(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--name <name> is required');
  const length = [...value].length;
  if (value.trim() === '' || length > MAX_NAME) {
    throw new UsageError(
      `--name must be 1 to ${MAX_NAME} characters, not blank, received ${length} characters`,
    );
  }
  return value;
}

/** Describes a scope for messages: `project 32b6…` or `organisation 5f1d…`. */
export function describeScope(scope: Scope): string {
  return scope.kind === 'project' ? `project ${scope.groupId}` : `organisation ${scope.orgId}`;
}
