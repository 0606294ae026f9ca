/** A Digest algorithm this package can answer (RFC 7616 §3.3). */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

/** One challenge of a WWW-Authenticate header. */
export interface AuthChallenge {
  /** The auth scheme as sent, such as `Digest`. */
  readonly scheme: string;
  /** Parameters by lower-case name, unquoted and unescaped; the first occurrence of a name wins. */
  readonly params: ReadonlyMap<string, string>;
  /** The token68 some schemes send instead of parameters. */
  readonly token68: string | undefined;
}

/** A Digest challenge this package can answer, parsed once and reused for every request. */
export interface DigestChallenge {
  /** Protection space; part of HA1. */
  readonly realm: string;
  /** Server nonce. */
  readonly nonce: string;
  /** The algorithm to compute with (MD5 when the server named none). */
  readonly algorithm: DigestAlgorithm;
  /** The algorithm exactly as the server spelled it, echoed back; undefined when it sent none. */
  readonly algorithmToken: string | undefined;
  /** `auth` when the server offered it; undefined for a legacy (RFC 2069) challenge without qop. */
  readonly qop: 'auth' | undefined;
  /** Opaque server data, echoed back verbatim. */
  readonly opaque: string | undefined;
  /** True when the server says the credentials were right but the nonce had expired. */
  readonly stale: boolean;
}

const ALGORITHMS: readonly DigestAlgorithm[] = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'];

/**
 * One element of a WWW-Authenticate list (RFC 9110 §11.6.1): a name with "=" and a value (a
 * quoted-string, whose escapes are undone later, or a bare value), or a name alone, perhaps with
 * a token68 up to the next comma: an auth scheme. Names are tchar (§5.6.2); space is SP or HTAB.
 * An unterminated quoted-string runs to the end.
 */
const ELEMENT =
  /([\w!#$%&'*+.^`|~-]+)(?:[ \t]*=[ \t]*(?:"((?:[^"\\]|\\[\s\S])*)\\?"?|([^\s,"]*))|[ \t]+([\w.~+/-]+=*)[ \t]*(?=,|$))?/g;

/**
 * Parses a WWW-Authenticate value into its challenges, tolerating several challenges in one
 * header and skipping what is not a list element rather than failing.
 */
export function parseAuthenticate(header: string): AuthChallenge[] {
  const challenges: { scheme: string; params: Map<string, string>; token68: string | undefined }[] =
    [];
  for (const [, name, quoted, token, token68] of header.matchAll(ELEMENT)) {
    const current = challenges.at(-1);
    if (quoted === undefined && token === undefined) {
      challenges.push({ scheme: name as string, params: new Map(), token68 });
    } else if (current) {
      // A parameter before any scheme is skipped; of a repeated one, the first wins.
      const key = (name as string).toLowerCase();
      if (!current.params.has(key)) {
        current.params.set(key, quoted?.replace(/\\([\s\S])/g, '$1') ?? (token as string));
      }
    }
  }
  return challenges;
}

/**
 * Picks the strongest Digest challenge this package can answer from a WWW-Authenticate value
 * (SHA-256 over MD5; among equals, the server's first), or undefined when there is none. One
 * can be answered when it has a nonce and a realm, a known algorithm, and `auth` among its qop
 * options, or no qop at all when `allowRfc2069` is set.
 */
export function selectDigestChallenge(
  header: string | null | undefined,
  allowRfc2069 = false,
): DigestChallenge | undefined {
  let best: DigestChallenge | undefined;
  const strong = (algorithm: DigestAlgorithm) => algorithm.startsWith('SHA');
  for (const { scheme, params } of parseAuthenticate(header ?? '')) {
    const realm = params.get('realm');
    const nonce = params.get('nonce');
    const algorithmToken = params.get('algorithm');
    const algorithm = ALGORITHMS.find(
      (known) => known.toLowerCase() === (algorithmToken ?? 'md5').toLowerCase(),
    );
    const qop = params.get('qop');
    // auth-int would need the body, which the exchange re-sends but never shows.
    const offered = qop?.trim() ? qop.split(',').map((option) => option.trim().toLowerCase()) : [];
    if (
      scheme.toLowerCase() === 'digest' &&
      realm !== undefined &&
      nonce &&
      algorithm &&
      // note: an RFC 2069 answer (no qop) has no client nonce or count, so a server, or anyone
      // who can pose as it, chooses all it hashes; answered only when the caller opts in.
      (offered.includes('auth') || (allowRfc2069 && !offered.length)) &&
      (!best || (strong(algorithm) && !strong(best.algorithm)))
    ) {
      best = {
        realm,
        nonce,
        algorithm,
        algorithmToken,
        qop: offered.length ? 'auth' : undefined,
        opaque: params.get('opaque'),
        stale: params.get('stale')?.toLowerCase() === 'true',
      };
    }
  }
  return best;
}
