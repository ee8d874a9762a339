import { z } from 'zod';

/**
 * The development signing seed: anyone can read it here, so packages signed with it prove
 * nothing. Set FLASH_SIGNING_KEY in any deployment (KMS replaces it in AWS).
 */
export const DEVELOPMENT_SIGNING_SEED = 'e1a5b7c3d9f0112233445566778899aabbccddeeff00112233445566778899aa';

/** The flash module's configuration section (environment variables). */
export const flashConfig = z.object({
  /** Ed25519 private key: PKCS#8 PEM, or its 32-byte seed as 64 hex digits. */
  FLASH_SIGNING_KEY: z.string().min(1).default(DEVELOPMENT_SIGNING_SEED),
  /** Lifetime of the package download and backup upload URLs. */
  FLASH_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
});

/** The validated section. */
export type FlashConfig = z.output<typeof flashConfig>;
