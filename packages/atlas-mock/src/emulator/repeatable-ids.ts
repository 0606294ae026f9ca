import { createHash } from 'node:crypto';

/** Lower-case letters and digits, as in Atlas's AI model API key ids. */
export const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Letters of both cases and digits, as in Atlas's AI model API key secrets. */
export const ALPHANUMERIC = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER_ALPHANUMERIC}`;

/**
 * `length` characters of `alphabet` drawn from SHA-256 digests of `seed`: values that look random
 * but are the same on every run, so tests and examples can show them.
 */
export function derivedString(seed: string, alphabet: string, length: number): string {
  // note: bytes at or above the largest multiple of the alphabet's size are skipped, so every
  // character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  let text = '';
  for (let block = 0; text.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}#${block}`).digest()) {
      if (byte >= limit) continue;
      text += alphabet[byte % alphabet.length];
      if (text.length === length) break;
    }
  }
  return text;
}
