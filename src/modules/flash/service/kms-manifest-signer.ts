import { createPublicKey, verify } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, type KMSClientConfig, SignCommand } from '@aws-sdk/client-kms';
import { AppError } from '../../../platform/errors.ts';
import { manifestSigningBytes } from '../package/manifest.ts';
import type { ManifestSigner } from './manifest-signer.ts';

/** How the signer reaches its key. */
export interface KmsManifestSignerOptions {
  /** The KMS key (id, ARN or alias): KeySpec ECC_NIST_EDWARDS25519, KeyUsage SIGN_VERIFY. */
  keyId: string;
  /** Region, credentials, endpoint override (tests): passed to the SDK client as they are. */
  client?: KMSClientConfig;
}

const unavailable = (detail: string, cause?: unknown) =>
  new AppError(503, 'FLASH_SIGNER_UNAVAILABLE', `The signing key could not be used: ${detail}. Try again in a moment.`, { cause });

/**
 * The AWS signer: `Sign` with SigningAlgorithm ED25519_SHA_512 and MessageType RAW over the
 * manifest's signing bytes (pure Ed25519, so agents verify with any Ed25519 verifier), and
 * `GetPublicKey` once for the key agents verify with (DER SPKI, published as PEM). Each signature
 * is checked against that key before it is stored, so a wrong key or algorithm never reaches a
 * catalogue entry. KMS failures are 503 FLASH_SIGNER_UNAVAILABLE.
 */
export function kmsManifestSigner(options: KmsManifestSignerOptions): ManifestSigner {
  const client = new KMSClient({ maxAttempts: 3, ...options.client });
  let publicKey: Promise<string> | undefined;
  const publicKeyPem = () => {
    publicKey ??= (async () => {
      let der: Uint8Array | undefined;
      try {
        const answer = await client.send(new GetPublicKeyCommand({ KeyId: options.keyId }));
        if (answer.KeySpec !== 'ECC_NIST_EDWARDS25519' || !answer.SigningAlgorithms?.includes('ED25519_SHA_512')) {
          throw new AppError(500, 'FLASH_SIGNING_KEY_INVALID', `KMS key ${options.keyId} is ${answer.KeySpec ?? 'of no known spec'}, not an Ed25519 signing key (ECC_NIST_EDWARDS25519)`);
        }
        der = answer.PublicKey;
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw unavailable(`GetPublicKey ${(err as Error).name ?? 'failed'}`, err);
      }
      if (!der) throw unavailable('GetPublicKey returned no key');
      return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
    })().catch((err: unknown) => {
      publicKey = undefined;
      throw err;
    });
    return publicKey;
  };
  return {
    publicKeyPem,
    async sign(manifest) {
      const message = manifestSigningBytes(manifest);
      const pem = await publicKeyPem();
      let signature: Uint8Array | undefined;
      try {
        const answer = await client.send(new SignCommand({ KeyId: options.keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ED25519_SHA_512' }));
        signature = answer.Signature;
      } catch (err) {
        throw unavailable(`Sign ${(err as Error).name ?? 'failed'}`, err);
      }
      if (signature?.length !== 64 || !verify(null, message, createPublicKey(pem), signature)) {
        throw new AppError(502, 'FLASH_SIGNATURE_INVALID', 'KMS returned a signature that does not verify with the published key');
      }
      return Buffer.from(signature).toString('base64');
    },
  };
}
