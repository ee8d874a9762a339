import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../platform/errors.ts';
import type { FlashManifest } from '../package/manifest.ts';
import { signManifest } from '../package/signature.ts';

/**
 * Signs package manifests (Ed25519 over `manifestSigningBytes`). Locally a key from
 * configuration or the data folder; in AWS a KMS key (`kmsManifestSigner`), so the platform
 * never holds the private key. Agents verify with the public key the API publishes.
 */
export interface ManifestSigner {
  /** The public key agents verify with, as SPKI PEM. */
  publicKeyPem(): Promise<string>;
  /** Base64 Ed25519 signature over the manifest's signing bytes. */
  sign(manifest: FlashManifest): Promise<string>;
}

// PKCS#8 header of an Ed25519 private key (RFC 8410), followed by the 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A signer over a key that `load` gives once (configuration, or the data folder's key file), read at first use. */
export function localManifestSigner(load: () => Promise<KeyObject>): ManifestSigner {
  let key: Promise<{ privateKey: KeyObject; publicKeyPem: string }> | undefined;
  const keys = () => {
    key ??= load()
      .then((privateKey) => ({ privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() }))
      .catch((err: unknown) => {
        key = undefined;
        throw err;
      });
    return key;
  };
  return {
    publicKeyPem: async () => (await keys()).publicKeyPem,
    sign: async (manifest) => signManifest(manifest, (await keys()).privateKey),
  };
}

/** The configured key (FLASH_SIGNING_KEY): PKCS#8 PEM, or its 32-byte seed as 64 hex digits. */
export function parseSigningKey(key: string): KeyObject {
  const text = key.trim();
  let parsed: KeyObject;
  try {
    parsed = /^[0-9a-fA-F]{64}$/.test(text)
      ? createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(text, 'hex')]), format: 'der', type: 'pkcs8' })
      : createPrivateKey(text);
  } catch {
    // Not the parser's error: it may quote the text, which is the secret.
    throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', 'FLASH_SIGNING_KEY is neither a PKCS#8 PEM key nor a 64-hex-digit seed');
  }
  if (parsed.asymmetricKeyType !== 'ed25519') throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', 'FLASH_SIGNING_KEY must be an Ed25519 key');
  return parsed;
}

/**
 * The key in `file` (PKCS#8 PEM, mode 0600 in a 0700 folder), generated there on first use: an
 * exclusive create, so two processes starting at once keep the same key. A file that is not an
 * Ed25519 key is an error, never replaced (packages signed with it would stop verifying).
 */
export async function keyFromFile(file: string): Promise<KeyObject> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(file, fresh, { flag: 'wx', mode: 0o600, flush: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(await readFile(file, 'utf8'));
  } catch {
    throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', `${file} does not hold a PKCS#8 PEM key: restore it from a backup`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', `${file} does not hold an Ed25519 key`);
  return key;
}
