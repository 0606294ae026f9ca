import { createAccessTokenAuthenticator } from './access-token.js';
import type { AuthContext, Authenticator } from './authenticator.js';
import { createDigestAuthenticator } from './digest/digest-authenticator.js';
import type { AuthOptions } from './options.js';
import { createServiceAccountAuthenticator } from './service-account.js';

/** The authenticator for validated auth options; undefined sends no credentials. */
export function createAuthenticator(
  auth: AuthOptions | undefined,
  context: AuthContext,
): Authenticator | undefined {
  switch (auth?.type) {
    case undefined:
      return undefined;
    case 'accessToken':
      return createAccessTokenAuthenticator(auth.accessToken, context);
    case 'digest':
      return createDigestAuthenticator(auth, context);
    case 'serviceAccount':
      return createServiceAccountAuthenticator(auth, context);
  }
}
