import type { AtlasCliSetting } from '@org/atlas-ai-keys/atlas-cli';
import {
  knownOrg,
  listScope,
  ORG_ENV,
  PROJECT_ENV,
  type ProfileDefaults,
  projectScope,
  type Scope,
} from './arguments.js';
import { atlasCliProfile, describeSource } from './atlas-cli-profile.js';
import type { CliIo } from './io.js';

/** Options that choose a scope, and the profile that may default it. */
interface ScopeOptions {
  readonly project?: string;
  readonly org?: string;
  readonly profile?: string;
}

/** A profile's setting as a default for the scope rules. */
const asDefault = (setting: AtlasCliSetting | undefined) =>
  setting && { value: setting.value, source: describeSource(setting.source) };

/**
 * The defaults an Atlas CLI profile gives the scope, read only when neither an option nor a
 * variable chose one: a command given `--project` never reads the profile for it.
 */
async function profileDefaults(io: CliIo, options: ScopeOptions): Promise<ProfileDefaults> {
  const chosen = options.project ?? options.org ?? io.env[PROJECT_ENV] ?? io.env[ORG_ENV];
  if (chosen) return {};
  const profile = await atlasCliProfile(io, options.profile);
  return { project: asDefault(profile.projectId), org: asDefault(profile.orgId) };
}

/** The project of a command on projects only: option, variable, then profile. */
export async function resolveProject(
  io: CliIo,
  options: ScopeOptions,
): Promise<Scope & { kind: 'project' }> {
  return projectScope(options, io.env, await profileDefaults(io, options));
}

/** The scope of `list` and `get`: option, variables, then profile. */
export async function resolveListScope(io: CliIo, options: ScopeOptions): Promise<Scope> {
  return listScope(options, io.env, await profileDefaults(io, options));
}

/**
 * The organisation `limits set` compares with, when one is known: option, variable, then profile.
 * note: the profile is read only when neither the option nor the variable names one.
 */
export async function resolveKnownOrg(
  io: CliIo,
  options: ScopeOptions,
): Promise<string | undefined> {
  const given = knownOrg(options, io.env);
  if (given !== undefined) return given;
  return knownOrg(options, io.env, asDefault((await atlasCliProfile(io, options.profile)).orgId));
}
