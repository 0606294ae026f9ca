import { checkCredential, TOKEN } from '../validation.js';
import type { AuthContext, Authenticator } from './authenticator.js';

/**
 * Sends a ready access token as `Authorization: Bearer <token>` to the base URL's origin only;
 * it is never refreshed, so a 401 is final.
 */
export function createAccessTokenAuthenticator(
  accessToken: string,
  context: AuthContext,
): Authenticator {
  // note: held in this closure only, so no inspection or serialization can show it.
  const authorization = `Bearer ${checkCredential(accessToken, 'accessToken', TOKEN)}`;
  const { origin } = context.baseUrl;
  return {
    send: (request, exchange) =>
      exchange(request.url.origin === origin ? authorization : undefined),
    close: async () => {},
  };
}
