import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';
import { type FlashManifest, manifestSchema, manifestSigningBytes } from './manifest.ts';

/** An Ed25519 key as a KeyObject or PEM text (local configuration holds PEM). */
export type Ed25519Key = KeyObject | string;

/** A fresh Ed25519 key pair as PEM (for configuration and tests). */
export function generateSigningKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Signs a manifest's canonical bytes with Ed25519; the signature is base64. */
export function signManifest(manifest: FlashManifest, privateKey: Ed25519Key): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return sign(null, manifestSigningBytes(manifest), key).toString('base64');
}

/** Outcome of checking a package's manifest and signature. */
export type ManifestVerification = { ok: true; manifest: FlashManifest } | { ok: false; error: AppError };

/**
 * Verifies that `manifest` is a well-formed manifest (no unknown fields, which the signature
 * would not cover) signed by `publicKey`. Never throws: a malformed key, signature or manifest
 * is a refusal with code PACKAGE_MANIFEST_INVALID or PACKAGE_SIGNATURE_INVALID.
 */
export function verifyManifest(manifest: unknown, signature: string, publicKey: Ed25519Key): ManifestVerification {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    return { ok: false, error: new AppError(422, 'PACKAGE_MANIFEST_INVALID', `the manifest is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`) };
  }
  let valid = false;
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    const bytes = Buffer.from(signature, 'base64');
    // Only the canonical base64 text of 64 bytes: Node's decoder skips stray characters.
    const canonical = bytes.toString('base64') === signature;
    valid = canonical && key.asymmetricKeyType === 'ed25519' && bytes.length === 64 && verify(null, manifestSigningBytes(parsed.data), key, bytes);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, error: new AppError(422, 'PACKAGE_SIGNATURE_INVALID', 'the manifest signature does not verify with the platform key') };
  return { ok: true, manifest: parsed.data };
}
