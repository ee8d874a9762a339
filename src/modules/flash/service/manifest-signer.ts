import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';
import type { FlashManifest } from '../package/manifest.ts';
import { signManifest } from '../package/signature.ts';

/**
 * Signs package manifests. Locally an Ed25519 key from configuration; in AWS a KMS key
 * (Sign with ED25519) implements the same two members, so the catalogue never holds the key.
 */
export interface ManifestSigner {
  /** The public key agents verify with, as SPKI PEM. */
  readonly publicKeyPem: string;
  /** Base64 Ed25519 signature over the manifest's signing bytes. */
  sign(manifest: FlashManifest): Promise<string>;
}

// PKCS#8 header of an Ed25519 private key (RFC 8410), followed by the 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A signer over an Ed25519 key given as PKCS#8 PEM or as its 64-hex-digit seed. */
export function localManifestSigner(key: string): ManifestSigner {
  const privateKey = parsePrivateKey(key.trim());
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { publicKeyPem, sign: async (manifest) => signManifest(manifest, privateKey) };
}

function parsePrivateKey(key: string): KeyObject {
  let parsed: KeyObject;
  try {
    parsed = /^[0-9a-fA-F]{64}$/.test(key)
      ? createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(key, 'hex')]), format: 'der', type: 'pkcs8' })
      : createPrivateKey(key);
  } catch (err) {
    throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', 'FLASH_SIGNING_KEY is neither a PKCS#8 PEM key nor a 64-hex-digit seed', { cause: err });
  }
  if (parsed.asymmetricKeyType !== 'ed25519') throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', 'FLASH_SIGNING_KEY must be an Ed25519 key');
  return parsed;
}
