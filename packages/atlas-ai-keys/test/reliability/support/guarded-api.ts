import { createHash } from 'node:crypto';
import {
  type AtlasAuth,
  accessTokenAuth,
  digestAuth,
  serviceAccountAuth,
} from '../../../src/index.js';
import { DigestVerifier } from '../../auth/digest/support/verifier.js';
import { apiError } from '../../helpers/observed-fetch.js';
import { type Fault, jsonFault, type Responder } from './fault-server.js';

/** Distinct credentials and data that no log, error or inspection may ever show. */
export const SENTINEL = {
  digestPublicKey: 'pubkey-sentinel',
  digestPrivateKey: 'DIGESTPRIVATE-SENTINEL-3f9a21',
  clientId: 'mdb_sa_id_sentinel',
  clientSecret: 'CLIENTSECRET-SENTINEL-7c1e08',
  accessToken: 'ACCESSTOKEN-SENTINEL-b42d55',
  /** The token the service-account token endpoint issues. */
  issuedToken: 'ISSUEDTOKEN-SENTINEL-5e0f93',
  /** A key's `secret` in a 200 body: the user's data, returned by design but never logged. */
  keySecret: 'KEYSECRET-SENTINEL-91aa47',
} as const;

/** Digest's realm, as Atlas sends it. */
export const REALM = 'MMS Public API';

/** The kinds of credentials a client can hold. */
export const AUTH_KINDS = ['digest', 'serviceAccount', 'accessToken'] as const;
/** One kind of credentials. */
export type AuthKind = (typeof AUTH_KINDS)[number];

/** The client's `auth` option for `kind`, with the sentinel credentials. */
export function authOptions(kind: AuthKind): AtlasAuth {
  switch (kind) {
    case 'digest':
      return digestAuth({
        publicKey: SENTINEL.digestPublicKey,
        privateKey: SENTINEL.digestPrivateKey,
      });
    case 'serviceAccount':
      return serviceAccountAuth({
        clientId: SENTINEL.clientId,
        clientSecret: SENTINEL.clientSecret,
      });
    case 'accessToken':
      return accessTokenAuth({ accessToken: SENTINEL.accessToken });
  }
}

/** Every string that would betray a credential: the secrets and what is derived from them. */
export const CREDENTIAL_LEAKS: readonly string[] = [
  SENTINEL.digestPrivateKey,
  SENTINEL.clientSecret,
  SENTINEL.accessToken,
  SENTINEL.issuedToken,
  // note: the Basic header of the token request and Digest's HA1 are password-equivalent.
  btoa(`${SENTINEL.clientId}:${SENTINEL.clientSecret}`),
  ...(['md5', 'sha256'] as const).map((hash) =>
    createHash(hash)
      .update(`${SENTINEL.digestPublicKey}:${REALM}:${SENTINEL.digestPrivateKey}`)
      .digest('hex'),
  ),
];

const unauthorized = (): Fault => jsonFault(apiError(401, 'UNAUTHORIZED'), 401);

/**
 * A responder that lets `api` answer only requests carrying valid credentials of `kind`, as
 * Atlas would, and serves the service account's token and revoke endpoints.
 */
export function guardedApi(kind: AuthKind, api: Responder): Responder {
  const verifier = new DigestVerifier({
    realm: REALM,
    users: { [SENTINEL.digestPublicKey]: SENTINEL.digestPrivateKey },
    offers: [{ algorithm: 'SHA-256', qop: 'auth' }],
  });
  const basic = `Basic ${btoa(`${SENTINEL.clientId}:${SENTINEL.clientSecret}`)}`;
  return (request, index) => {
    const authorization = request.headers.authorization;
    switch (kind) {
      case 'digest': {
        const verdict = verifier.handle(request.method, request.target, authorization);
        if (verdict.status === 200) return api(request, index);
        return { kind: 'raw', status: verdict.status, body: '', headers: { ...verdict.headers } };
      }
      case 'serviceAccount':
        if (request.method === 'POST' && request.target === '/api/oauth/token') {
          if (authorization !== basic) return jsonFault({ error: 'invalid_client' }, 401);
          return jsonFault({
            access_token: SENTINEL.issuedToken,
            token_type: 'Bearer',
            expires_in: 3600,
          });
        }
        if (request.method === 'POST' && request.target === '/api/oauth/revoke') {
          return jsonFault({});
        }
        return authorization === `Bearer ${SENTINEL.issuedToken}`
          ? api(request, index)
          : unauthorized();
      case 'accessToken':
        return authorization === `Bearer ${SENTINEL.accessToken}`
          ? api(request, index)
          : unauthorized();
    }
  };
}
