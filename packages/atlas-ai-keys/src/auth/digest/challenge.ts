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

// The patterns follow RFC 9110 §11.6.1: tchar as in §5.6.2, and only SP and HTAB as space.
/** A name, the space after it and, for a parameter, "=" with the space after that. */
const NAME = /([\w!#$%&'*+.^`|~-]+)([ \t]*)(=?)[ \t]*/y;
/** A parameter value: a quoted-string (an unterminated one runs to the end) or a token. */
const VALUE = /"((?:[^"\\]|\\[\s\S])*\\?)"?|([\w!#$%&'*+.^`|~-]*)/y;
/** Anything up to the next list comma, quoted strings stepped over whole. */
const TO_COMMA = /(?:[^,"]|"(?:[^"\\]|\\[\s\S])*\\?"?)*/y;
/** A token68 standing alone before the next comma. */
const TOKEN68 = /([\w.~+/-]+=*)[ \t]*(?=,|$)/y;

/**
 * Parses a WWW-Authenticate value (RFC 9110 §11.6.1) into its challenges, tolerating several
 * challenges in one header and skipping malformed elements rather than failing.
 */
export function parseAuthenticate(header: string): AuthChallenge[] {
  const challenges: { scheme: string; params: Map<string, string>; token68: string | undefined }[] =
    [];
  let current: (typeof challenges)[number] | undefined;
  let i = 0;
  /** Matches `pattern` at `i` and moves past the match. */
  const take = (pattern: RegExp) => {
    pattern.lastIndex = i;
    const match = pattern.exec(header);
    if (match) i = pattern.lastIndex;
    return match;
  };
  while (i < header.length) {
    if (/[ \t,]/.test(header[i] as string)) {
      i++;
      continue;
    }
    const [, name, space, equals] = take(NAME) ?? [];
    if (name && !equals) {
      current = { scheme: name, params: new Map(), token68: undefined };
      challenges.push(current);
      if (space) current.token68 = take(TOKEN68)?.[1];
      continue;
    }
    // A parameter before any scheme, or junk where a name should be, is skipped.
    if (name && current) {
      const [, quoted, token] = take(VALUE) as RegExpExecArray;
      const key = name.toLowerCase();
      if (!current.params.has(key)) {
        current.params.set(key, quoted?.replace(/\\([\s\S])/g, '$1') ?? (token as string));
      }
    }
    take(TO_COMMA);
  }
  return challenges;
}

/**
 * Picks the strongest Digest challenge this package can answer from a WWW-Authenticate value
 * (SHA-256 over MD5; among equals, the server's first), or undefined when there is none. One
 * can be answered when it has a nonce and a realm, a known algorithm, and `auth` among its qop
 * options if it lists any.
 */
export function selectDigestChallenge(
  header: string | null | undefined,
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
      (!offered.length || offered.includes('auth')) &&
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
