import type { DigestChallenge } from './challenge.js';
import {
  computeResponse,
  computeSessionHa1,
  createCnonce,
  formatAuthorization,
  formatNc,
  headerTemplate,
} from './response.js';

/** The largest count the 8-hex-digit `nc` field can carry. */
const MAX_NC = 0xffffffff;

/** One signed request: its Authorization header and the nonce count it used. */
export interface Authorization {
  /** The Authorization header value. */
  readonly header: string;
  /** The nonce count this header carries (1 for the first use of the nonce). */
  readonly nc: number;
}

/** Options of a `NonceSession`. */
export interface NonceSessionOptions {
  /** Client nonce source; a fresh random one per call by default. */
  readonly cnonce?: () => string;
}

/**
 * One server nonce and its use count: signs any number of requests with it, each with the next
 * `nc`, so a nonce is paid for with one challenge and never answered twice with the same count.
 */
export class NonceSession {
  /** The challenge this session answers. */
  readonly challenge: DigestChallenge;
  #count = 0;
  /** Signs one request with a given count; HA1 stays inside, out of reach of inspection. */
  readonly #sign: (method: string, uri: string, count: number) => string;

  /** `ha1` is H(username:realm:password) for the challenge's realm and algorithm. */
  constructor(
    challenge: DigestChallenge,
    username: string,
    ha1: string,
    { cnonce: newCnonce = createCnonce }: NonceSessionOptions = {},
  ) {
    this.challenge = challenge;
    const { algorithm, nonce, qop } = challenge;
    const template = headerTemplate(username, challenge);
    // -sess keys the session to the first cnonce (RFC 2617 §3.2.2.2), so it is kept per nonce.
    const sessionCnonce = algorithm.endsWith('-sess') ? newCnonce() : undefined;
    const key =
      sessionCnonce === undefined ? ha1 : computeSessionHa1(algorithm, ha1, nonce, sessionCnonce);
    this.#sign = (method, uri, count) => {
      const nc = formatNc(count);
      const cnonce = sessionCnonce ?? (qop ? newCnonce() : '');
      const response = computeResponse({
        algorithm,
        ha1: key,
        nonce,
        method,
        uri,
        qop,
        nc,
        cnonce,
      });
      return formatAuthorization(template, {
        uri,
        response,
        nc: qop && nc,
        cnonce: cnonce || undefined,
      });
    };
  }

  /** How many requests this nonce has signed. */
  get used(): number {
    return this.#count;
  }

  /** True once the nonce count is spent; a new challenge is then needed. */
  get exhausted(): boolean {
    return this.#count >= MAX_NC;
  }

  /** True when `challenge` names the same nonce with the same parameters. */
  matches(challenge: DigestChallenge): boolean {
    return (['nonce', 'realm', 'algorithm', 'algorithmToken', 'qop', 'opaque'] as const).every(
      (name) => this.challenge[name] === challenge[name],
    );
  }

  /**
   * Signs one request. The count is taken synchronously, so concurrent callers never share one.
   * `uri` is the request target: path and query.
   */
  authorize(method: string, uri: string): Authorization {
    const nc = ++this.#count;
    return { header: this.#sign(method, uri, nc), nc };
  }
}
