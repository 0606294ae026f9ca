import { AtlasAuthError } from '../errors.js';
import { credentialProblem, isRecord, TOKEN, truncate } from '../internal/validation.js';

/** What the token endpoint granted: the token and, when the endpoint said, its lifetime in ms. */
export type GrantedToken = [value: string, lifetimeMs: number | undefined];

/** Form-URL-encodes like Go's `url.QueryEscape`, which the Atlas Go SDK applies to id and secret. */
export function formUrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Reads the token endpoint's answer (RFC 6749 §5.1 and §5.2); a refusal or an unreadable answer
 * throws `AtlasAuthError` naming `url`, the endpoint. `redact` removes secrets from the
 * endpoint's error fields.
 */
export function grantFrom(
  response: Response,
  text: string,
  redact: (text: string) => string,
  url: string,
): GrantedToken {
  const { ok, status } = response;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {}
  const fields = isRecord(body) ? body : {};
  const fail = (message: string, init?: object) =>
    new AtlasAuthError(`service-account token ${message}`, { status, ...init });
  if (!ok) {
    // note: redact before truncating, so no cut can leave part of a secret behind.
    const [oauthError, oauthErrorDescription] = [fields.error, fields.error_description].map(
      (value) => (typeof value === 'string' && value ? truncate(redact(value), 300) : undefined),
    );
    throw fail(
      `request to ${url} failed with HTTP ${status}${oauthError ? `: ${oauthError}` : ''}${
        oauthErrorDescription ? ` (${oauthErrorDescription})` : ''
      }${
        status === 403 && oauthError === 'access_denied'
          ? '; at most 100 active tokens are allowed per service account'
          : ''
      }`,
      { oauthError, oauthErrorDescription },
    );
  }
  const { access_token: value, token_type: type, expires_in: expiresIn } = fields;
  const from = `response from ${url}`;
  if (body !== fields) throw fail(`${from} is not a JSON object`);
  if (typeof value !== 'string' || !value) throw fail(`${from} has no access_token`);
  if (credentialProblem(value, TOKEN)) {
    throw fail(`${from} has an access_token that cannot be sent in a header`);
  }
  if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer')) {
    throw fail(`${from} has a token_type other than Bearer`);
  }
  const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  return [
    value,
    typeof seconds === 'number' && seconds > 0 && seconds < Infinity ? seconds * 1000 : undefined,
  ];
}
