import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Partner postback secrets at rest: AES-256-GCM under the module's key (AFFILIATION_SECRET_KEY,
 * or a key file made once in the module's data folder). They are encrypted rather than hashed
 * because verifying an HMAC needs the secret itself. Stored as `v1.<iv>.<tag>.<ciphertext>` in
 * base64url; the partner id is the associated data, so a secret copied to another partner's row
 * does not decrypt.
 */
export class SecretBox {
  constructor(private readonly key: () => Promise<Buffer>) {}

  async seal(plain: string, partnerId: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.key(), iv);
    cipher.setAAD(Buffer.from(partnerId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  async open(sealed: string, partnerId: string): Promise<string> {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) throw new Error('unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', await this.key(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(partnerId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** A new postback secret: 32 random bytes, base64url (43 characters). */
export function newPostbackSecret(): string {
  return randomBytes(32).toString('base64url');
}
