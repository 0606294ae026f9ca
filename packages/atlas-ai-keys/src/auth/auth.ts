import { AtlasValidationError } from '../errors.js';
import { describeValue, isRecord } from '../internal/validation.js';
import type { AuthContext, Authenticator } from './authenticator.js';

/** The kinds of credentials Atlas accepts. */
export type AuthType = 'accessToken' | 'digest' | 'serviceAccount';

// note: only ever declared, so plain objects cannot pass for credentials at compile time.
declare const authBrand: unique symbol;

// note: Symbol.for, so credentials made by the CommonJS build still work with a client of the
// ES module build, should an application load both.
const AUTHENTICATOR = Symbol.for('@org/atlas-ai-keys.authenticator');

/**
 * Credentials for a client, made by `accessTokenAuth`, `digestAuth`, `serviceAccountAuth` or
 * `authFromEnv`. They show their type and public part; the secret cannot be read back.
 */
export interface AtlasAuth<Type extends AuthType = AuthType> {
  /** Which kind of credentials these are. */
  readonly type: Type;
  /** A mark in the types only: objects of the right shape made elsewhere do not pass. */
  readonly [authBrand]: Type;
}

/** What `auth` must be, as error messages word it. */
const EXPECTED =
  'credentials from accessTokenAuth(), digestAuth(), serviceAccountAuth() or authFromEnv()';

/**
 * The fields of a credentials argument; throws `AtlasValidationError` when it is not an object,
 * describing it as a secret, since a bare key passed in its place is a likely mistake.
 */
export function credentialFields(credentials: unknown): Record<string, unknown> {
  if (isRecord(credentials)) return credentials;
  throw new AtlasValidationError('credentials', 'an object', describeValue(credentials, true));
}

/**
 * Freezes `shown` (what inspection and JSON may show) into credentials whose authenticator
 * comes from `create`, a closure that alone holds the secret.
 */
export function defineAuth<Auth extends AtlasAuth>(
  shown: Omit<Auth, typeof authBrand>,
  create: (context: AuthContext) => Authenticator,
): Auth {
  return Object.freeze(Object.defineProperty(shown, AUTHENTICATOR, { value: create })) as Auth;
}

/** Returns `auth` when it is undefined or made by one of our credential functions; throws `AtlasValidationError` otherwise. */
export function checkAuth(auth: unknown): AtlasAuth | undefined {
  if (
    auth === undefined ||
    typeof (auth as Record<symbol, unknown>)?.[AUTHENTICATOR] === 'function'
  ) {
    return auth as AtlasAuth | undefined;
  }
  // note: described as a secret, since a string here may well be a key.
  throw new AtlasValidationError('auth', EXPECTED, describeValue(auth, true));
}

/** Credentials as `defineAuth` makes them. */
type Defined = { readonly [AUTHENTICATOR]: (context: AuthContext) => Authenticator };

/** The authenticator of credentials that `checkAuth` accepted; undefined sends none. */
export function createAuthenticator(
  auth: AtlasAuth | undefined,
  context: AuthContext,
): Authenticator | undefined {
  return (auth as Defined | undefined)?.[AUTHENTICATOR](context);
}
