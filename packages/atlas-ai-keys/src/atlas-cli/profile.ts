import { accessTokenAuth } from '../auth/access-token.js';
import type { AtlasAuth, AuthType } from '../auth/auth.js';
import { digestAuth } from '../auth/digest/digest-authenticator.js';
import { authFromEnv, baseUrlVariableFromEnv, type Environment } from '../auth/from-env.js';
import { serviceAccountAuth } from '../auth/service-account.js';
import { CREDENTIAL_VARIABLES, readVariable as read } from '../defaults.js';
import { AtlasError } from '../errors.js';
import { AtlasConfigError } from './config-error.js';
import {
  type AtlasCliConfig,
  atlasCliConfigFile,
  type ProfileTable,
  readAtlasCliConfig,
} from './config-file.js';
import { type Keyring, keyringFailure, openOsKeyring } from './keyring.js';
import { tokenExpiry } from './token-expiry.js';

/** Options of `loadAtlasCliProfile` and `authFromAtlasCli`. */
export interface AtlasCliProfileOptions {
  /** The profile to read; default `MONGODB_ATLAS_PROFILE`, else the file's only profile, else `default`. */
  readonly profile?: string;
  /** The variables that override the profile, as the Atlas CLI's do (default `process.env`; `{}` reads the profile alone). */
  readonly env?: Environment;
  /** The configuration file (default: where the Atlas CLI keeps it on this platform). */
  readonly configFile?: string;
  /** Whether to read credentials the file lacks from the OS keyring (default true). */
  readonly keyring?: boolean;
  /** Cancels a keyring read that waits, for instance, for the keyring to be unlocked. */
  readonly signal?: AbortSignal;
}

/** Where a setting came from. */
export type AtlasCliSource =
  | { readonly kind: 'variable'; readonly name: string }
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly profile: string | undefined;
      readonly key: string;
    }
  | { readonly kind: 'keyring'; readonly service: string; readonly account: string };

/** A setting and where it came from. */
export interface AtlasCliSetting {
  readonly value: string;
  readonly source: AtlasCliSource;
}

/** The credentials a profile resolved to: what they are, their public part, where each part came from. */
export interface AtlasCliCredentials {
  /** Credentials for `createAtlasAiKeysClient({ auth })`; they show only their kind and public part. */
  readonly auth: AtlasAuth;
  /** Which kind: `digest` (API key), `serviceAccount` or `accessToken`. */
  readonly type: AuthType;
  /** The public key or client id; undefined for a token. */
  readonly publicPart: string | undefined;
  /** Where each part came from: the public part first, then the secret. */
  readonly sources: readonly AtlasCliSource[];
  /** When an access token stops working, if it says. */
  readonly expiresAt: Date | undefined;
}

/** What a profile of the Atlas CLI gives, after the variables that override it. */
export interface AtlasCliProfile {
  /** The profile's name (lower case, as the Atlas CLI keeps it). */
  readonly name: string;
  /** How the name was chosen. */
  readonly chosenBy: 'option' | 'MONGODB_ATLAS_PROFILE' | 'only profile' | 'default';
  /** The configuration file. */
  readonly file: string;
  /** Whether the file exists and holds this profile. */
  readonly found: boolean;
  /** The profile's `auth_type`: `api_keys`, `service_account`, `user_account` or `no_auth`. */
  readonly authType: string | undefined;
  /** `project_id`, or `MONGODB_ATLAS_PROJECT_ID`. */
  readonly projectId: AtlasCliSetting | undefined;
  /** `org_id`, or `MONGODB_ATLAS_ORG_ID`. */
  readonly orgId: AtlasCliSetting | undefined;
  /** `ops_manager_url` (alias `base_url`), the Atlas for Government URL for `service = "cloudgov"`, or the variables. */
  readonly baseUrl: AtlasCliSetting | undefined;
  /** The credentials; undefined when there are none, `problem` then says why. */
  readonly credentials: AtlasCliCredentials | undefined;
  /** Why there are no credentials, as one line (`run atlas auth login`, a missing key…). */
  readonly problem: string | undefined;
}

/** The variables that carry credentials; any of them set means the variables decide. */
const ANY_CREDENTIAL_VARIABLE: readonly string[] = Object.values(CREDENTIAL_VARIABLES).flat(2);

/** The first names of each kind's variables, as "A and B (what)", for a message. */
const ANY_CREDENTIALS = [
  `${CREDENTIAL_VARIABLES.accessToken[0][0]}`,
  `${CREDENTIAL_VARIABLES.serviceAccount.map(([name]) => name).join(' and ')} (a service account)`,
  `${CREDENTIAL_VARIABLES.digest.map(([name]) => name).join(' and ')} (an API key)`,
].join(', or ');

/** Atlas for Government, which `service = "cloudgov"` selects when no URL is set. */
const CLOUD_GOV_URL = 'https://cloud.mongodbgov.com';

/** The credential properties of each `auth_type`: public part (if any) first, then the secret. */
const CREDENTIAL_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  api_keys: ['public_api_key', 'private_api_key'],
  service_account: ['client_id', 'client_secret'],
  user_account: ['access_token'],
};

const processEnv = (): Environment => globalThis.process?.env ?? {};

/** A property's variable: `MONGODB_ATLAS_<NAME>`, else the legacy `MCLI_<NAME>`. */
function fromVariable(env: Environment, property: string): AtlasCliSetting | undefined {
  for (const prefix of ['MONGODB_ATLAS_', 'MCLI_']) {
    const name = prefix + property.toUpperCase();
    const value = read(env, name);
    if (value) return { value, source: { kind: 'variable', name } };
  }
}

/** Which profile to read, and why. */
function chooseProfile(
  options: AtlasCliProfileOptions,
  env: Environment,
  config: AtlasCliConfig,
): [name: string, chosenBy: AtlasCliProfile['chosenBy']] {
  const named = options.profile ?? read(env, 'MONGODB_ATLAS_PROFILE');
  if (named !== undefined) {
    const from = options.profile !== undefined ? 'the profile' : 'MONGODB_ATLAS_PROFILE';
    if (!named || named.includes('.')) {
      throw new AtlasConfigError(
        `${from} must be a profile name without ".", received ${JSON.stringify(named)}`,
      );
    }
    return [
      named.toLowerCase(),
      options.profile !== undefined ? 'option' : 'MONGODB_ATLAS_PROFILE',
    ];
  }
  // note: as the Atlas CLI does, a file with a single profile needs no name.
  const [only, ...others] = config.profiles.keys();
  if (only !== undefined && others.length === 0) return [only, 'only profile'];
  return ['default', 'default'];
}

/**
 * Reads what a profile of the Atlas CLI (`atlas auth login`, `atlas config init`) gives, in its
 * precedence: the `MONGODB_ATLAS_*` variables, then the file's top-level settings, then the
 * profile's table; credentials the file lacks come from the OS keyring, where the Atlas CLI moves
 * them (service `atlascli_<profile>`, account the property's name). When any credential variable
 * is set, the variables alone give the credentials, as `authFromEnv` reads them.
 * Throws `AtlasConfigError` for an unreadable or malformed file or a named profile it lacks;
 * unusable credentials are reported in `problem`, not thrown.
 */
export async function loadAtlasCliProfile(
  options: AtlasCliProfileOptions = {},
): Promise<AtlasCliProfile> {
  const env = options.env ?? processEnv();
  const config = await readAtlasCliConfig(options.configFile ?? atlasCliConfigFile(env));
  const [name, chosenBy] = chooseProfile(options, env, config);
  const table = config.profiles.get(name);
  if (!table && chosenBy !== 'default' && chosenBy !== 'only profile') {
    const known = [...config.profiles.keys()];
    throw new AtlasConfigError(
      `profile "${name}" is not in ${config.file} (${
        !config.exists
          ? 'no such file'
          : known.length
            ? `profiles: ${known.join(', ')}`
            : 'no profiles'
      }); create it with atlas auth login --profile ${name}`,
      { file: config.file },
    );
  }
  /** A property: its variable, then a top-level setting, then the profile's table. */
  const property = (key: string, alias?: string): AtlasCliSetting | undefined =>
    fromVariable(env, key) ??
    fromFile(config, table, name, key) ??
    (alias ? fromFile(config, table, name, alias) : undefined);

  const authType = stringOf(table?.auth_type);
  const urlVariable = baseUrlVariableFromEnv(env);
  const service = property('service')?.value;
  const baseUrl: AtlasCliSetting | undefined = urlVariable
    ? { value: urlVariable[1], source: { kind: 'variable', name: urlVariable[0] } }
    : (property('ops_manager_url', 'base_url') ??
      (service === 'cloudgov'
        ? {
            value: CLOUD_GOV_URL,
            source: { kind: 'file', file: config.file, profile: name, key: 'service' },
          }
        : undefined));

  let credentials: AtlasCliCredentials | undefined;
  let problem: string | undefined;
  try {
    credentials = ANY_CREDENTIAL_VARIABLE.some((variable) => read(env, variable))
      ? fromEnvironment(env)
      : await fromProfile({ config, table, name, authType, options });
  } catch (error) {
    if (!(error instanceof AtlasError)) throw error;
    problem = error.message;
  }
  return {
    name,
    chosenBy,
    file: config.file,
    found: table !== undefined,
    authType,
    projectId: property('project_id'),
    orgId: property('org_id'),
    baseUrl,
    credentials,
    problem,
  };
}

/**
 * Credentials from the profile the Atlas CLI would use, after the `MONGODB_ATLAS_*` variables
 * that override it; see `loadAtlasCliProfile`. Throws `AtlasConfigError` when there are none,
 * with one line saying why (an expired `user_account` token says to run `atlas auth login`).
 */
export async function authFromAtlasCli(options: AtlasCliProfileOptions = {}): Promise<AtlasAuth> {
  const profile = await loadAtlasCliProfile(options);
  if (profile.credentials) return profile.credentials.auth;
  throw new AtlasConfigError(profile.problem ?? `no credentials in profile "${profile.name}"`, {
    file: profile.file,
  });
}

const stringOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** A property of the file: a top-level setting first (the Atlas CLI lets one override every profile), then the profile's. */
function fromFile(
  config: AtlasCliConfig,
  table: ProfileTable | undefined,
  profile: string,
  key: string,
): AtlasCliSetting | undefined {
  const global = stringOf(config.settings[key]);
  if (global)
    return { value: global, source: { kind: 'file', file: config.file, profile: undefined, key } };
  const own = stringOf(table?.[key]);
  if (own) return { value: own, source: { kind: 'file', file: config.file, profile, key } };
}

/** Credentials from the variables, as `authFromEnv` reads them, with the variables they came from. */
function fromEnvironment(env: Environment): AtlasCliCredentials {
  const auth = authFromEnv(env);
  const names: Record<AuthType, readonly (readonly string[])[]> = CREDENTIAL_VARIABLES;
  const sources = names[auth.type].map(
    (aliases): AtlasCliSource => ({
      kind: 'variable',
      name: aliases.find((alias) => read(env, alias)) ?? (aliases[0] as string),
    }),
  );
  const token =
    auth.type === 'accessToken' ? read(env, CREDENTIAL_VARIABLES.accessToken[0][0]) : undefined;
  return {
    auth,
    type: auth.type,
    publicPart: publicPartOf(auth),
    sources,
    expiresAt: token ? tokenExpiry(token) : undefined,
  };
}

/** The public key or client id that credentials show. */
function publicPartOf(auth: AtlasAuth): string | undefined {
  const shown = auth as unknown as { publicKey?: string; clientId?: string };
  return shown.publicKey ?? shown.clientId;
}

/** The `auth_type` the Atlas CLI infers for a profile written before it recorded one. */
function inferredAuthType(table: ProfileTable | undefined): string | undefined {
  const has = (key: string) => stringOf(table?.[key]) !== undefined;
  if (has('public_api_key') || has('private_api_key')) return 'api_keys';
  if (has('client_id') || has('client_secret')) return 'service_account';
  if (has('access_token')) return 'user_account';
}

/** What `fromProfile` needs. */
interface ProfileRead {
  readonly config: AtlasCliConfig;
  readonly table: ProfileTable | undefined;
  readonly name: string;
  readonly authType: string | undefined;
  readonly options: AtlasCliProfileOptions;
}

/** Credentials from the profile's table, and from the OS keyring for those the file lacks. */
async function fromProfile(read: ProfileRead): Promise<AtlasCliCredentials> {
  const { config, table, name, options } = read;
  const where = `Atlas CLI profile "${name}"`;
  if (!table) {
    throw new AtlasConfigError(
      `no Atlas credentials: set ${ANY_CREDENTIALS}, or run atlas auth login (${
        config.exists ? `${config.file} has no profile "${name}"` : `there is no ${config.file}`
      })`,
      { file: config.file },
    );
  }
  const authType = read.authType ?? inferredAuthType(table);
  if (authType === 'no_auth' || authType === undefined) {
    throw new AtlasConfigError(
      `${where} holds no credentials (auth_type ${authType ?? 'not set'}); run atlas auth login --profile ${name}`,
      { file: config.file },
    );
  }
  const properties = CREDENTIAL_PROPERTIES[authType];
  if (!properties) {
    throw new AtlasConfigError(
      `${where} has an auth_type this client does not know: ${JSON.stringify(authType)}`,
      {
        file: config.file,
      },
    );
  }
  const service = `atlascli_${name}`;
  let keyring: Keyring | undefined;
  const values: AtlasCliSetting[] = [];
  for (const key of properties) {
    const inFile = fromFile(config, table, name, key);
    if (inFile) {
      values.push(inFile);
      continue;
    }
    // note: loaded only now, for a credential the file lacks.
    keyring ??=
      options.keyring === false ? { unavailable: 'keyring reading is off' } : await openOsKeyring();
    let value: string | undefined;
    let why: string | undefined;
    if ('read' in keyring) {
      try {
        value = await keyring.read(service, key, options.signal);
      } catch (error) {
        why = `the OS keyring could not be read: ${keyringFailure(error)}`;
      }
    } else why = keyring.unavailable;
    if (!value) {
      throw new AtlasConfigError(
        `${where} (auth_type ${authType}) has no ${key}: not in ${config.file}, and ${
          why ?? `not in the OS keyring (service ${service})`
        }; run atlas auth login --profile ${name}`,
        { file: config.file },
      );
    }
    values.push({ value, source: { kind: 'keyring', service, account: key } });
  }
  const [first, second] = values as [AtlasCliSetting, AtlasCliSetting | undefined];
  const sources = values.map((setting) => setting.source);
  if (authType === 'user_account') {
    const expiresAt = tokenExpiry(first.value);
    if (expiresAt !== undefined && expiresAt.getTime() <= Date.now()) {
      throw new AtlasConfigError(
        `the access token of ${where} expired at ${expiresAt.toISOString()}; run atlas auth login --profile ${name}, then try again`,
        { file: config.file },
      );
    }
    const auth = accessTokenAuth({ accessToken: first.value });
    return { auth, type: auth.type, publicPart: undefined, sources, expiresAt };
  }
  const secret = (second as AtlasCliSetting).value;
  const auth =
    authType === 'api_keys'
      ? digestAuth({ publicKey: first.value, privateKey: secret })
      : serviceAccountAuth({ clientId: first.value, clientSecret: secret });
  return { auth, type: auth.type, publicPart: first.value, sources, expiresAt: undefined };
}
