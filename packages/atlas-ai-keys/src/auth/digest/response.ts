import * as crypto from 'node:crypto';
import type { DigestAlgorithm, DigestChallenge } from './challenge.js';

// note: the one-shot `crypto.hash` (Node.js 20.12 on) makes no Hash object per call, which costs
// a third as much and leaves less for the garbage collector; older versions hash the usual way.
const hexHash: (name: string, input: string) => string =
  typeof crypto.hash === 'function'
    ? (name, input) => crypto.hash(name, input, 'hex')
    : (name, input) => crypto.createHash(name).update(input, 'utf8').digest('hex');

/** Lower-case hex digest of `input` (UTF-8) with the algorithm's hash. */
export function digestHex(algorithm: DigestAlgorithm, input: string): string {
  return hexHash(algorithm.startsWith('SHA') ? 'sha256' : 'md5', input);
}

/** H(username:realm:password): password-equivalent, so it must stay as private as the password. */
export function computeHa1(
  algorithm: DigestAlgorithm,
  username: string,
  realm: string,
  password: string,
): string {
  return digestHex(algorithm, `${username}:${realm}:${password}`);
}

/** The `-sess` session key: H(HA1:nonce:cnonce). */
export const computeSessionHa1: (
  algorithm: DigestAlgorithm,
  ha1: string,
  nonce: string,
  cnonce: string,
) => string = computeHa1;

/** Inputs of the `response` parameter; `ha1` is already the session key for `-sess`. */
export interface ResponseInput {
  readonly algorithm: DigestAlgorithm;
  readonly ha1: string;
  readonly nonce: string;
  readonly method: string;
  readonly uri: string;
  /** `auth`, or undefined for a legacy challenge without qop. */
  readonly qop: 'auth' | undefined;
  /** 8 lower-case hex digits; only used with qop. */
  readonly nc: string;
  /** Only used with qop. */
  readonly cnonce: string;
}

/** The `response` parameter of RFC 7616 §3.4.1 (and RFC 2069 when there is no qop). */
export function computeResponse(input: ResponseInput): string {
  const { algorithm, qop } = input;
  const ha2 = digestHex(algorithm, `${input.method}:${input.uri}`);
  const middle = qop ? `${input.nc}:${input.cnonce}:${qop}:` : '';
  return digestHex(algorithm, `${input.ha1}:${input.nonce}:${middle}${ha2}`);
}

/** The nonce count as RFC 7616 wants it: 8 lower-case hex digits. */
export function formatNc(count: number): string {
  return count.toString(16).padStart(8, '0');
}

/** A quoted-string with `"` and `\` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * A fresh client nonce from node:crypto: a random UUID's 32 hex digits (122 random bits).
 * randomUUID draws from a buffer of entropy it refills in batches, so a call costs no system call.
 */
export function createCnonce(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** The request-independent parts of an Authorization header, built once per challenge. */
export interface HeaderTemplate {
  /** From `Digest` up to the `uri=` parameter name. */
  readonly head: string;
  /** algorithm, opaque and qop parameters, each preceded by a comma. */
  readonly tail: string;
}

/** Builds the parts of the Authorization header that only depend on the challenge and username. */
export function headerTemplate(username: string, challenge: DigestChallenge): HeaderTemplate {
  const { algorithmToken, opaque, qop } = challenge;
  return {
    head: `Digest username=${quote(username)}, realm=${quote(challenge.realm)}, nonce=${quote(challenge.nonce)}, uri=`,
    tail:
      (algorithmToken === undefined ? '' : `, algorithm=${algorithmToken}`) +
      (opaque === undefined ? '' : `, opaque=${quote(opaque)}`) +
      (qop ? `, qop=${qop}` : ''),
  };
}

/** Per-request parameters of the Authorization header. */
export interface HeaderFields {
  readonly uri: string;
  readonly response: string;
  /** Sent with qop only. */
  readonly nc: string | undefined;
  /** Sent with qop, and with `-sess` algorithms, which need it even without qop. */
  readonly cnonce: string | undefined;
}

/** Completes a header template with the per-request parameters. */
export function formatAuthorization(template: HeaderTemplate, fields: HeaderFields): string {
  const { nc, cnonce } = fields;
  return `${template.head}${quote(fields.uri)}${template.tail}${nc === undefined ? '' : `, nc=${nc}`}${
    cnonce === undefined ? '' : `, cnonce=${quote(cnonce)}`
  }, response="${fields.response}"`;
}
