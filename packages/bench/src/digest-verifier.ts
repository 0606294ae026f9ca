import { hash, randomBytes } from 'node:crypto';

// A server-side RFC 7616 verifier for the one scheme Atlas offers: MD5 with qop=auth. It shares no
// code with the client under test, so a bug in the client cannot hide behind the same bug here.

/** How the verifier treats a nonce that has already authorized a request. */
export type NoncePolicy = 'reuse' | 'refuse-reuse';

/** What the verifier answers: 200, or a 401 carrying a fresh challenge. */
export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly challenge: string; readonly refused: boolean };

interface NonceState {
  /** Highest nc accepted so far. */
  highest: number;
  /** nc values accepted within the replay window. */
  readonly seen: Set<number>;
  uses: number;
}

/**
 * Counts may reach the server slightly out of order when concurrent requests travel on different
 * connections, so a count is accepted if unseen and no more than this far below the highest.
 */
const NC_WINDOW = 1024;
const REALM = 'MMS Public API';
/** Nonces remembered; older ones are forgotten first and then earn a stale=true challenge. */
const MAX_NONCES = 100_000;
// note: the quoted-string alternative is written unrolled, which the regex engine runs in one pass.
const PARAM = /([A-Za-z0-9_-]+)=(?:"([^"\\]*(?:\\.[^"\\]*)*)"|([^\s,]*))/g;

// note: the server's own cost shows in the client's CPU figure on a shared machine (see the
// README), so verifying is kept cheap: one-shot hashing, and HA2 once per request target.
function md5(text: string): string {
  return hash('md5', text, 'hex');
}

/** Parses the parameters of a `Digest` Authorization header; undefined for another scheme. */
export function parseDigestAuthorization(header: string): Map<string, string> | undefined {
  if (!/^Digest\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  PARAM.lastIndex = 7;
  for (let match = PARAM.exec(header); match; match = PARAM.exec(header)) {
    const name = (match[1] ?? '').toLowerCase();
    const quoted = match[2];
    const value =
      quoted === undefined
        ? (match[3] ?? '')
        : quoted.includes('\\')
          ? quoted.replace(/\\(.)/g, '$1')
          : quoted;
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

/** Verifies Digest responses (MD5, qop=auth) against one user, as Atlas challenges them. */
export class DigestVerifier {
  readonly #username: string;
  readonly #ha1: string;
  readonly #policy: NoncePolicy;
  readonly #nonces = new Map<string, NonceState>();
  /** H(method:uri) by request line: the bench asks for the same few targets again and again. */
  readonly #ha2 = new Map<string, string>();

  constructor(username: string, password: string, policy: NoncePolicy) {
    this.#username = username;
    this.#ha1 = md5(`${username}:${REALM}:${password}`);
    this.#policy = policy;
  }

  /** Decides one request from its method, request target and Authorization header. */
  verify(method: string, target: string, authorization: string | undefined): Verdict {
    if (authorization === undefined) return this.#challenge(false, false);
    const params = parseDigestAuthorization(authorization);
    if (!params) return this.#challenge(false, true);
    const nonce = params.get('nonce') ?? '';
    const state = this.#nonces.get(nonce);
    // An unknown nonce may be one this server forgot; stale=true lets the client retry quietly.
    if (!state) return this.#challenge(true, true);
    const nc = params.get('nc') ?? '';
    const cnonce = params.get('cnonce') ?? '';
    const algorithm = params.get('algorithm');
    const wellFormed =
      params.get('username') === this.#username &&
      params.get('realm') === REALM &&
      params.get('uri') === target &&
      params.get('qop') === 'auth' &&
      (algorithm === undefined || algorithm.toUpperCase() === 'MD5') &&
      /^[0-9a-fA-F]{8}$/.test(nc) &&
      cnonce !== '';
    if (!wellFormed) return this.#challenge(false, true);
    const requestLine = `${method}:${target}`;
    let ha2 = this.#ha2.get(requestLine);
    if (ha2 === undefined) {
      ha2 = md5(requestLine);
      if (this.#ha2.size < 1024) this.#ha2.set(requestLine, ha2);
    }
    const expected = md5(`${this.#ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    if (params.get('response') !== expected) return this.#challenge(false, true);
    const count = Number.parseInt(nc, 16);
    // A repeated or far-too-old count is a replay; a 401 without stale tells the client so.
    if (state.seen.has(count) || count <= state.highest - NC_WINDOW) {
      return this.#challenge(false, true);
    }
    if (this.#policy === 'refuse-reuse' && state.uses > 0) return this.#challenge(false, true);
    state.seen.add(count);
    state.uses++;
    if (count > state.highest) {
      state.highest = count;
      if (state.seen.size > 2 * NC_WINDOW) {
        for (const old of state.seen) if (old <= count - NC_WINDOW) state.seen.delete(old);
      }
    }
    return { ok: true };
  }

  #challenge(stale: boolean, refused: boolean): Verdict {
    const nonce = randomBytes(24).toString('hex');
    this.#nonces.set(nonce, { highest: 0, seen: new Set(), uses: 0 });
    if (this.#nonces.size > MAX_NONCES) {
      const oldest = this.#nonces.keys().next().value;
      if (oldest !== undefined) this.#nonces.delete(oldest);
    }
    // Atlas's own challenge, parameter for parameter.
    const challenge = `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
    return { ok: false, challenge, refused };
  }
}
