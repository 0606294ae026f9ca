import { checkCredential, TOKEN } from '../internal/validation.js';
import { type AtlasAuth, credentialFields, defineAuth } from './auth.js';
import type { AuthContext, Authenticator } from './authenticator.js';

/** A ready OAuth access token, as `accessTokenAuth` takes it. */
export interface AccessTokenCredentials {
  /** The token alone, without "Bearer ". */
  readonly accessToken: string;
}

/** Credentials made by `accessTokenAuth`. */
export type AccessTokenAuth = AtlasAuth<'accessToken'>;

/**
 * Credentials that send a ready access token as `Authorization: Bearer <accessToken>`; it is
 * never refreshed, so a 401 is final. Throws `AtlasValidationError` for a malformed token.
 */
export function accessTokenAuth(credentials: AccessTokenCredentials): AccessTokenAuth {
  const { accessToken } = credentialFields(credentials);
  const token = checkCredential(accessToken, 'accessToken', TOKEN);
  return defineAuth({ type: 'accessToken' }, (context) =>
    createAccessTokenAuthenticator(token, context),
  );
}

/** Sends `accessToken` (already checked) to the base URL's origin only. */
export function createAccessTokenAuthenticator(
  accessToken: string,
  context: AuthContext,
): Authenticator {
  // note: held in this closure only, so no inspection or serialization can show it.
  const authorization = `Bearer ${accessToken}`;
  const { origin } = context.baseUrl;
  return {
    send: (request, exchange) =>
      exchange(request.url.origin === origin ? authorization : undefined),
    close: async () => {},
  };
}
