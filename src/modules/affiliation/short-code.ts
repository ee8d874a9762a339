import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Length of a link code: 62^9 ≈ 1.3 × 10^16 codes, so guessing a live one is hopeless. */
export const CODE_LENGTH = 9;

/** The shape of a code, checked before any lookup. */
export const CODE_PATTERN = /^[0-9A-Za-z]{9}$/;

/**
 * A new link code: base62 from the crypto random source, with rejection sampling (bytes ≥ 248
 * are dropped) so that every character is equally likely. Uniqueness is the database's unique
 * index; the caller retries on a collision.
 */
export function newLinkCode(): string {
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && code.length < CODE_LENGTH) code += ALPHABET[byte % 62];
    }
  }
  return code;
}
