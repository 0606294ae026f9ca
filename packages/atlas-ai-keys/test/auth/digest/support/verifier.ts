import { createHash, randomBytes } from 'node:crypto';

// A strict, server-side RFC 7616 verifier written apart from src/auth/digest (it shares no code
// with it), for the algorithms no server on npm implements: SHA-256 and SHA-256-sess.

/** Algorithms the verifier can offer. */
export type VerifierAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

/** One Digest challenge the verifier offers. */
export interface Offer {
  /** Undefined leaves the parameter out, which means MD5. */
  readonly algorithm?: VerifierAlgorithm;
  /** The qop list as sent; undefined leaves qop out (RFC 2069 mode). */
  readonly qop?: string;
}

/** How the verifier behaves. */
export interface VerifierOptions {
  readonly realm: string;
  /** Username to password. */
  readonly users: Readonly<Record<string, string>>;
  /** Digest challenges, in the order sent; one MD5/auth challenge by default. */
  readonly offers?: readonly Offer[];
  /** Raw challenges sent before the Digest ones, such as `Basic realm="x"`. */
  readonly before?: string;
  /** Send an opaque value (true by default). */
  readonly opaque?: boolean;
  /** Authenticated uses a nonce allows before it is answered with stale=true. */
  readonly nonceUses?: number;
  /** Accept a nonce once only; a reuse gets a 401 without stale, as some servers do. */
  readonly refuseReuse?: boolean;
  /** Answer every correct response with stale=true. */
  readonly alwaysStale?: boolean;
  /** Whose cnonce keys a -sess session: the nonce's first request's (RFC 2617) or each request's. */
  readonly sessionKey?: 'first-cnonce' | 'per-request';
}

/** What the verifier answers. */
export interface Verdict {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** One request the verifier saw. */
export interface Seen {
  readonly authorized: boolean;
  readonly status: number;
  readonly nonce: string | undefined;
  readonly nc: string | undefined;
  readonly stale: boolean;
}

interface NonceState {
  readonly offer: Offer;
  readonly opaque: string | undefined;
  uses: number;
  readonly ncs: Set<string>;
  firstCnonce: string | undefined;
}

interface Param {
  readonly value: string;
  readonly quoted: boolean;
}

const HASH: Record<VerifierAlgorithm, string> = {
  MD5: 'md5',
  'MD5-sess': 'md5',
  'SHA-256': 'sha256',
  'SHA-256-sess': 'sha256',
};
const HEX_LENGTH: Record<string, number> = { md5: 32, sha256: 64 };
const MUST_QUOTE = new Set(['username', 'realm', 'nonce', 'uri', 'response', 'cnonce', 'opaque']);
const MUST_NOT_QUOTE = new Set(['algorithm', 'qop', 'nc', 'userhash']);
const PARAM = /[ \t]*([A-Za-z0-9_-]+)=("(?:[^"\\]|\\.)*"|[^",\s]+)[ \t]*(,|$)/y;

/** H(data) in lower-case hex, straight from node:crypto. */
export function h(algorithm: VerifierAlgorithm, data: string): string {
  return createHash(HASH[algorithm]).update(data, 'utf8').digest('hex');
}

/** The expected `response`, computed from first principles (RFC 7616 §3.4.1-3.4.3). */
export function expectedResponse(input: {
  algorithm: VerifierAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  sessionCnonce?: string;
}): string {
  const { algorithm: alg } = input;
  let ha1 = h(alg, `${input.username}:${input.realm}:${input.password}`);
  if (alg.endsWith('-sess')) ha1 = h(alg, `${ha1}:${input.nonce}:${input.sessionCnonce}`);
  const ha2 = h(alg, `${input.method}:${input.uri}`);
  return input.qop
    ? h(alg, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`)
    : h(alg, `${ha1}:${input.nonce}:${ha2}`);
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Parses an Authorization header strictly; throws with the reason when it is malformed. */
export function parseAuthorization(header: string): Map<string, Param> {
  if (!header.startsWith('Digest ')) throw new Error('scheme is not "Digest "');
  const params = new Map<string, Param>();
  const rest = header.slice('Digest '.length);
  PARAM.lastIndex = 0;
  while (PARAM.lastIndex < rest.length) {
    const at = PARAM.lastIndex;
    const match = PARAM.exec(rest);
    if (!match) throw new Error(`malformed parameter at ${at}: ${rest.slice(at, at + 20)}`);
    const [, rawName = '', raw = '', separator] = match;
    const name = rawName.toLowerCase();
    if (params.has(name)) throw new Error(`duplicate parameter ${name}`);
    const isQuoted = raw.startsWith('"');
    const value = isQuoted ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    if (MUST_QUOTE.has(name) && !isQuoted) throw new Error(`${name} must be quoted`);
    if (MUST_NOT_QUOTE.has(name) && isQuoted) throw new Error(`${name} must not be quoted`);
    params.set(name, { value, quoted: isQuoted });
    if (separator === '' && PARAM.lastIndex < rest.length) throw new Error('trailing garbage');
  }
  return params;
}

/** A Digest server's decision logic, strict about every field, with counters for tests. */
export class DigestVerifier {
  /** Every deviation from RFC 7616 the verifier noticed; a conforming client leaves it empty. */
  readonly violations: string[] = [];
  /** Every request, in arrival order. */
  readonly seen: Seen[] = [];
  /** Every cnonce received, in arrival order. */
  readonly cnonces: string[] = [];
  readonly #options: VerifierOptions;
  readonly #nonces = new Map<string, NonceState>();

  constructor(options: VerifierOptions) {
    this.#options = options;
  }

  /** Number of 401 responses sent. */
  get challenges(): number {
    return this.seen.filter((s) => s.status === 401).length;
  }

  /**
   * Takes a nonce that another server issued as if this one had issued it under `offer`, so both
   * can judge the very same header.
   */
  acceptNonce(nonce: string, offer: Offer, opaque?: string): void {
    this.#nonces.set(nonce, { offer, opaque, uses: 0, ncs: new Set(), firstCnonce: undefined });
  }

  /** Decides one request; `target` is the request-target (path and query). */
  handle(method: string, target: string, authorization: string | undefined): Verdict {
    if (authorization === undefined) return this.#record(false, this.#challenge(false), {});
    let params: Map<string, Param>;
    try {
      params = parseAuthorization(authorization);
    } catch (error) {
      this.violations.push(`malformed: ${(error as Error).message}`);
      return this.#record(true, { status: 400, headers: {} }, {});
    }
    const get = (name: string) => params.get(name)?.value;
    const nonce = get('nonce');
    const nc = get('nc');
    const note = { nonce, nc };
    const violation = (reason: string) => {
      this.violations.push(reason);
      return this.#record(true, { status: 400, headers: {} }, note);
    };
    for (const name of ['username', 'realm', 'nonce', 'uri', 'response']) {
      if (get(name) === undefined) return violation(`missing ${name}`);
    }
    if (get('realm') !== this.#options.realm) return violation(`wrong realm ${get('realm')}`);
    if (get('uri') !== target) return violation(`uri ${get('uri')} is not ${target}`);
    const state = this.#nonces.get(nonce as string);
    if (!state) return this.#record(true, this.#challenge(true), note);
    const { offer } = state;
    const algorithm = offer.algorithm ?? 'MD5';
    const sentAlgorithm = get('algorithm');
    if (offer.algorithm !== undefined && sentAlgorithm !== offer.algorithm) {
      return violation(`algorithm ${sentAlgorithm} does not echo ${offer.algorithm}`);
    }
    if (offer.algorithm === undefined && sentAlgorithm !== undefined && sentAlgorithm !== 'MD5') {
      return violation(`algorithm ${sentAlgorithm} was not offered`);
    }
    if (get('opaque') !== state.opaque) return violation(`opaque ${get('opaque')} not echoed`);
    const cnonce = get('cnonce');
    const qop = get('qop');
    if (offer.qop) {
      if (qop !== 'auth') return violation(`qop ${qop} is not auth`);
      if (nc === undefined || !/^[0-9a-f]{8}$/.test(nc)) return violation(`bad nc ${nc}`);
      if (!cnonce) return violation('missing cnonce');
    } else {
      if (qop !== undefined || nc !== undefined) return violation('qop or nc without qop offered');
      if (cnonce !== undefined && !algorithm.endsWith('-sess')) {
        return violation('cnonce without qop');
      }
    }
    if (cnonce !== undefined) this.cnonces.push(cnonce);
    const response = get('response') as string;
    const length = HEX_LENGTH[HASH[algorithm]];
    if (!new RegExp(`^[0-9a-f]{${length}}$`).test(response)) {
      return violation(`response is not ${length} lower-case hex digits`);
    }
    const username = get('username') as string;
    const password = this.#options.users[username];
    const sessionCnonce =
      this.#options.sessionKey === 'first-cnonce' ? (state.firstCnonce ?? cnonce) : cnonce;
    const expected =
      password === undefined
        ? undefined
        : expectedResponse({
            algorithm,
            username,
            realm: this.#options.realm,
            password,
            method,
            uri: target,
            nonce: nonce as string,
            ...(qop === undefined ? {} : { qop, nc, cnonce }),
            ...(sessionCnonce === undefined ? {} : { sessionCnonce }),
          });
    if (response !== expected) return this.#record(true, this.#challenge(false), note);
    if (nc !== undefined) {
      if (state.ncs.has(nc)) return violation(`nc ${nc} repeated for nonce ${nonce}`);
      state.ncs.add(nc);
    }
    if (this.#options.alwaysStale) return this.#record(true, this.#challenge(true), note);
    if (this.#options.refuseReuse && state.uses >= 1) {
      return this.#record(true, this.#challenge(false), note);
    }
    if (state.uses >= (this.#options.nonceUses ?? Number.POSITIVE_INFINITY)) {
      return this.#record(true, this.#challenge(true), note);
    }
    state.uses++;
    state.firstCnonce ??= cnonce;
    return this.#record(true, { status: 200, headers: {} }, note);
  }

  #challenge(stale: boolean): Verdict {
    const { realm, offers = [{ algorithm: 'MD5', qop: 'auth' }] } = this.#options;
    const challenges = offers.map((offer) => {
      const nonce = randomBytes(24).toString('base64');
      const opaque = this.#options.opaque === false ? undefined : randomBytes(8).toString('hex');
      this.#nonces.set(nonce, { offer, opaque, uses: 0, ncs: new Set(), firstCnonce: undefined });
      return [
        `Digest realm=${quoted(realm)}`,
        'domain=""',
        `nonce="${nonce}"`,
        ...(opaque === undefined ? [] : [`opaque="${opaque}"`]),
        ...(offer.algorithm === undefined ? [] : [`algorithm=${offer.algorithm}`]),
        ...(offer.qop === undefined ? [] : [`qop="${offer.qop}"`]),
        `stale=${stale}`,
      ].join(', ');
    });
    const header = [this.#options.before, ...challenges].filter(Boolean).join(', ');
    return { status: 401, headers: { 'www-authenticate': header } };
  }

  #record(
    authorized: boolean,
    verdict: Verdict,
    note: { nonce?: string | undefined; nc?: string | undefined },
  ): Verdict {
    const stale = verdict.headers['www-authenticate']?.includes('stale=true') ?? false;
    this.seen.push({ authorized, status: verdict.status, nonce: note.nonce, nc: note.nc, stale });
    return verdict;
  }
}
