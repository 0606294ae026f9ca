import { AtlasValidationError } from '../errors.js';
import { checkCredential, TOKEN } from '../validation.js';
import { accessTokenAuth } from './access-token.js';
import type { AtlasAuth } from './auth.js';
import { digestAuth } from './digest/digest-authenticator.js';
import { serviceAccountAuth } from './service-account.js';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

const ACCESS_TOKEN = 'MONGODB_ATLAS_ACCESS_TOKEN';

/** The names of a credential pair: id, then secret. */
type PairNames = readonly [id: string, secret: string];

/** Under the Atlas CLI's names and, for digest keys, Terraform's; earlier names win. */
const SERVICE_ACCOUNT: readonly PairNames[] = [
  ['MONGODB_ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_SECRET'],
];
const API_KEY: readonly PairNames[] = [
  ['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'],
  ['MONGODB_ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PRIVATE_KEY'],
];

// note: `process` is absent in browsers, Deno without Node compatibility and edge runtimes.
const processEnv = (): Environment => globalThis.process?.env ?? {};

/** An empty value counts as unset, as shells leave `VAR=` behind when clearing. */
const read = (env: Environment, name: string): string | undefined => env[name] || undefined;

/** What `authFromEnv` needs when none of the kinds has a variable set. */
const ANY_CREDENTIALS =
  'set, or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY: no Atlas credentials are set';

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
  const serviceAccount = readPair(env, SERVICE_ACCOUNT);
  if (serviceAccount) {
    const [clientId, clientSecret] = serviceAccount;
    return serviceAccountAuth({ clientId, clientSecret });
  }
  const apiKey = readPair(env, API_KEY);
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
function readPair(env: Environment, pairs: readonly PairNames[]): PairNames | undefined {
  const [id, secret] = [0, 1].map((half) =>
    pairs.find((names) => read(env, names[half] as string)),
  );
  if (id && secret) {
    return [
      checkCredential(read(env, id[0]), id[0]),
      checkCredential(read(env, secret[1]), secret[1]),
    ];
  }
  const lone = id ?? secret;
  if (lone) {
    const missing = id ? 1 : 0;
    const name = lone[missing];
    const aliases = pairs.map((names) => names[missing]).filter((alias) => alias !== name);
    const alias = aliases.length > 0 ? ` (or ${aliases.join(', ')})` : '';
    throw new AtlasValidationError(name, `set${alias} because ${lone[1 - missing]} is set`);
  }
}
