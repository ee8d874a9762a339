import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newPostbackSecret, SecretBox } from './secret-box.ts';

describe('sealed partner secrets', () => {
  const key = randomBytes(32);
  const box = new SecretBox(async () => key);

  it('opens what it sealed, for the same partner only', async () => {
    const secret = newPostbackSecret();
    const sealed = await box.seal(secret, 'partner-a');
    expect(sealed).not.toContain(secret);
    expect(await box.open(sealed, 'partner-a')).toBe(secret);
    await expect(box.open(sealed, 'partner-b')).rejects.toThrow();
    await expect(new SecretBox(async () => randomBytes(32)).open(sealed, 'partner-a')).rejects.toThrow();
  });
});
