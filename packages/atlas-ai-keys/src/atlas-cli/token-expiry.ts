/**
 * When a JWT access token expires, from its `exp` claim, read without verifying the signature
 * (only Atlas can verify it; this only decides whether sending it is worth a request). Undefined
 * when the token is not a JWT or carries no expiry.
 */
export function tokenExpiry(token: string): Date | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
