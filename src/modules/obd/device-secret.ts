import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A device secret as stored: a per-device salt and HMAC-SHA256(salt, secret), both hex. */
export interface StoredSecret {
  salt: string;
  hash: string;
}

/** A new random device secret (256 bits, URL-safe), shown to the owner once. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

// HMAC-SHA256, not argon2: the secret is 256 random bits (nothing to guess), and devices
// reconnect often on the broker's path, where a memory-hard hash would cost every CONNECT.
function digest(salt: string, secret: Buffer | string): Buffer {
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(secret).digest();
}

/** Hashes `secret` with a fresh salt. */
export function hashDeviceSecret(secret: string): StoredSecret {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: digest(salt, secret).toString('hex') };
}

/** True when `candidate` is the secret `stored` was made from (constant-time comparison). */
export function verifyDeviceSecret(stored: StoredSecret, candidate: Buffer | string): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = digest(stored.salt, candidate);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
