import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashDeviceSecret, newDeviceSecret, verifyDeviceSecret } from './device-secret.ts';

describe('device secrets', () => {
  it('verify against their own hash and nothing else', () => {
    const secret = newDeviceSecret();
    const stored = hashDeviceSecret(secret);
    expect(verifyDeviceSecret(stored, secret)).toBe(true);
    expect(verifyDeviceSecret(stored, Buffer.from(secret))).toBe(true);
    expect(verifyDeviceSecret(stored, `${secret}x`)).toBe(false);
    expect(verifyDeviceSecret(stored, '')).toBe(false);
  });

  it('are stored salted: the same secret hashes differently each time, never in clear', () => {
    const secret = newDeviceSecret();
    const a = hashDeviceSecret(secret);
    const b = hashDeviceSecret(secret);
    expect(a.hash).not.toBe(b.hash);
    expect(a.hash).not.toContain(secret);
    expect(verifyDeviceSecret(b, secret)).toBe(true);
  });

  it('refuse any other candidate', () => {
    const stored = hashDeviceSecret('the-real-secret');
    fc.assert(fc.property(fc.string(), (candidate) => candidate === 'the-real-secret' || !verifyDeviceSecret(stored, candidate)));
  });
});
