import { CREDENTIAL_VARIABLES, readVariable as read } from '../defaults.js';
import { AtlasValidationError } from '../errors.js';
import { checkCredential, TOKEN } from '../internal/validation.js';
import { accessTokenAuth } from './access-token.js';
import type { AtlasAuth } from './auth.js';
import { digestAuth } from './digest/digest-authenticator.js';
import { serviceAccountAuth } from './service-account.js';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

const [[ACCESS_TOKEN]] = CREDENTIAL_VARIABLES.accessToken;

/** Each credential's names, earlier ones winning: the id's, then the secret's. */
type PairNames = readonly (readonly string[])[];

// note: `process` is absent in browsers, Deno without Node compatibility and edge runtimes.
const processEnv = (): Environment => globalThis.process?.env ?? {};

/** What `authFromEnv` needs when none of the kinds has a variable set. */
const ANY_CREDENTIALS = `set, or ${[
  CREDENTIAL_VARIABLES.serviceAccount,
  CREDENTIAL_VARIABLES.digest,
]
  .map((names) => names.map(([name]) => name).join(' and '))
  .join(', or ')}: no Atlas credentials are set`;

/**
 * Credentials from the `MONGODB_ATLAS_*` variables the Atlas CLI and Terraform read, in
 * Terraform's precedence: access token, then service account, then API key. The first kind with
 * a variable set is used and the others are not read; throws `AtlasValidationError` when that
 * kind is half set, or when no kind is set at all (to send no credentials, leave `auth` out).
 * Which kind is decided at run time, so a bundle that calls it holds all three.
 */
export function authFromEnv(env: Environment = processEnv()): AtlasAuth {
  const accessToken = read(env, ACCESS_TOKEN);
  if (accessToken) {
    // note: checked here first so that a bad token is reported under the variable to fix.
    return accessTokenAuth({ accessToken: checkCredential(accessToken, ACCESS_TOKEN, TOKEN) });
  }
  // note: a half-set pair of a kind that precedence skips is not an error: it would not be used.
  const serviceAccount = readPair(env, CREDENTIAL_VARIABLES.serviceAccount);
  if (serviceAccount) {
    const [clientId, clientSecret] = serviceAccount;
    return serviceAccountAuth({ clientId, clientSecret });
  }
  const apiKey = readPair(env, CREDENTIAL_VARIABLES.digest);
  if (apiKey) {
    const [publicKey, privateKey] = apiKey;
    return digestAuth({ publicKey, privateKey });
  }
  throw new AtlasValidationError(ACCESS_TOKEN, ANY_CREDENTIALS);
}

/** The Atlas base URL from the environment: `MONGODB_ATLAS_OPS_MANAGER_URL`, then `MONGODB_ATLAS_BASE_URL`. */
export function baseUrlFromEnv(env: Environment = processEnv()): string | undefined {
  return baseUrlVariableFromEnv(env)?.[1];
}

/** The variable `baseUrlFromEnv` takes its URL from (so errors can name it) and its value. */
export function baseUrlVariableFromEnv(
  env: Environment = processEnv(),
): [name: string, value: string] | undefined {
  // note: the Atlas CLI prefers the Ops Manager URL when both are set; so do we, to match it.
  for (const name of ['MONGODB_ATLAS_OPS_MANAGER_URL', 'MONGODB_ATLAS_BASE_URL']) {
    const value = read(env, name);
    if (value) return [name, value];
  }
}

/** Reads a pair under any of its names (earlier names win); throws when only one half is set. */
function readPair(env: Environment, [ids, secrets]: PairNames): [string, string] | undefined {
  const id = ids?.find((name) => read(env, name));
  const secret = secrets?.find((name) => read(env, name));
  if (id && secret)
    return [checkCredential(read(env, id), id), checkCredential(read(env, secret), secret)];
  const [lone, given, missing] = id ? [id, ids, secrets] : [secret, secrets, ids];
  if (lone && given && missing) {
    // note: named as the one set is (the Atlas CLI's or Terraform's), with the other names after.
    const name = missing[given.indexOf(lone)] ?? (missing[0] as string);
    const aliases = missing.filter((alias) => alias !== name);
    const alias = aliases.length > 0 ? ` (or ${aliases.join(', ')})` : '';
    throw new AtlasValidationError(name, `set${alias} because ${lone} is set`);
  }
}
