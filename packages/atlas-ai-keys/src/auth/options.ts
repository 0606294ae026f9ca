import { AtlasValidationError } from '../errors.js';
import {
  CREDENTIAL,
  check,
  checkCredential,
  describeValue,
  isRecord,
  PUBLIC_KEY,
  TOKEN,
} from '../validation.js';

/** A ready OAuth access token, sent as `Authorization: Bearer <accessToken>`. */
export interface AccessTokenAuth {
  readonly type: 'accessToken';
  readonly accessToken: string;
}

/** A programmatic API key, sent with HTTP Digest (public key = username, private key = password). */
export interface DigestAuth {
  readonly type: 'digest';
  readonly publicKey: string;
  readonly privateKey: string;
}

/** A service account, exchanged for cached OAuth 2.0 access tokens (client credentials grant). */
export interface ServiceAccountAuth {
  readonly type: 'serviceAccount';
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The credentials a client can be given. */
export type AuthOptions = AccessTokenAuth | DigestAuth | ServiceAccountAuth;

const TYPES = '"accessToken", "digest" or "serviceAccount"';

/** The fields of each type with what each must be; the last one is the secret. */
const FIELDS: Record<string, [name: string, expected: string][]> = {
  accessToken: [['accessToken', TOKEN]],
  digest: [
    ['publicKey', PUBLIC_KEY],
    ['privateKey', CREDENTIAL],
  ],
  serviceAccount: [
    ['clientId', CREDENTIAL],
    ['clientSecret', CREDENTIAL],
  ],
};

/** `toJSON` and `util.inspect` of auth options: the secret (the last field) shows as `[redacted]`. */
function redacted(this: Record<string, unknown>): Record<string, unknown> {
  const shown = { ...this };
  const keys = Object.keys(shown);
  shown[keys[keys.length - 1] as string] = '[redacted]';
  return shown;
}

/**
 * Checks `auth` and returns a frozen copy holding only the known fields (undefined when absent),
 * whose secret shows as `[redacted]` in `util.inspect` and `JSON.stringify`; throws
 * `AtlasValidationError` naming the field, never quoting a credential.
 */
export function validateAuthOptions(auth: unknown): AuthOptions | undefined {
  if (auth === undefined) return undefined;
  if (!isRecord(auth)) {
    throw new AtlasValidationError(
      'auth',
      `an object whose type is ${TYPES}`,
      describeValue(auth, true),
    );
  }
  const { type } = auth;
  check(typeof type === 'string' && Object.hasOwn(FIELDS, type), type, 'auth.type', TYPES);
  const result: Record<string, unknown> = { type };
  for (const [name, expected] of FIELDS[type as string] as [string, string][]) {
    result[name] = checkCredential(auth[name], `auth.${name}`, expected);
  }
  // note: non-enumerable, so spreading the options still copies the plain fields alone; and
  // Symbol.for keeps this free of node:util, so other runtimes load it unchanged.
  return Object.freeze(
    Object.defineProperties(result, {
      toJSON: { value: redacted },
      [Symbol.for('nodejs.util.inspect.custom')]: { value: redacted },
    }),
  ) as unknown as AuthOptions;
}
